// Package compiled is the compiled form of IAM policies that the decision
// engine reads: action and resource patterns (Template, ARNPattern) that
// match without allocating, condition operators and their operands read once
// (Operator, Operand, ParseNumber, ParseDate, ParseIP, ParseBool,
// ParseBinary), condition clauses and principal sets. Package policy builds
// these while it parses a document (the Compile... and Parse... entry points
// of export.go) and reports the defects they find with the codes of
// codes.go; users of iamsim read and write policies through package policy
// and never see this package.
//
// A statement's compiled form, policy.Rule, stays in package policy for now:
// it points back at its policy's File and name (for positions), and File is
// policy's. It moves here with File when evaluate imports this package.
package compiled
