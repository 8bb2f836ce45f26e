// Package policy is the IAM JSON policy language: it parses policy documents,
// reports every defect with its place, validates a policy for the kind of
// place it is attached to (identity, resource, trust, boundary, session, SCP,
// RCP), prints the canonical JSON form, and builds policies from Go values.
//
// Parse reads one policy; ParseFile reads one of many policies of a File (a
// scenario, an account export), under its own name, and every policy of a
// File shares its line table. A Position names its file, line and column. A
// Finding has a Code (one typed constant per kind of defect, with its facts
// in one table: usual severity, whether AWS refuses to store a policy with
// it); Validate reports every finding for a Kind, Refusals the ones that
// make AWS refuse the policy in that place. Policy and Document read and
// write IAM's JSON through encoding/json too.
//
// The decision engine in package evaluate works on the compiled form
// (Rule); this package knows nothing of requests. How parsing works (one
// read of the text with internal/jsontext, arenas, compiled matchers) is in
// design.md.
//
// The grammar is the one of the AWS IAM User Guide, "Grammar of the IAM JSON
// policy language" and "IAM JSON policy element reference".
package policy
