// Package policy is the IAM JSON policy language: it parses policy documents,
// reports every defect with its line and column, validates a policy for the
// kind of place it is attached to (identity, resource, trust, boundary,
// session, SCP, RCP), prints the canonical JSON form, and builds policies from
// Go values.
//
// Parsing compiles: action and resource patterns become allocation-free
// matchers, condition operators become an enum and their operands are read
// once (numbers, dates, CIDR prefixes, booleans, base64), and policy variables
// are split from the text around them. The decision engine in package
// evaluate works on the compiled form; this package knows nothing of requests.
//
// Parse reads a policy's text once (readJSON, scan.go): one pass checks the
// JSON and the policy character set and records every value on a tape of
// pointer-free nodes (kind, offsets, where a container's contents end),
// which the parser then walks with plain loops, sizing the arenas of the
// compiled form from the tape's counts. encoding/json places syntax errors,
// on the cold path only. The tape is the parser's own: gjson, which the
// scenario files are read with, neither validates nor avoids reading a
// nested value once per level, and the parser needs both.
//
// The grammar is the one of the AWS IAM User Guide, "Grammar of the IAM JSON
// policy language" and "IAM JSON policy element reference".
package policy
