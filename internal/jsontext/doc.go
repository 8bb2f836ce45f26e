// Package jsontext reads JSON texts for iamsim: policies, scenario files
// and account exports, with one set of rules.
//
// Read checks a text against RFC 8259 in one pass and records every value
// on a Tape, in document order, with the byte offset of each value and of
// each member's key; a container knows where its contents end (node
// indexes) and where its text ends (a byte offset). Callers walk the tape
// (Tape.Root, Tape.Children and Tape.Next, or the Members and Items
// iterators) without reading the text again, and turn offsets into lines
// and columns with policy.File.
//
// Strictness, the same for every caller:
//   - the text is one JSON value (RFC 8259): no trailing text, no comments,
//     no trailing commas, no leading zeros, no raw control characters in
//     strings; a text encoding/json rejects is rejected, and the reverse
//     (FuzzRead holds the two together);
//   - nesting deeper than Options.MaxDepth is refused;
//   - an object whose key repeats is refused, with the offset of the second
//     key (encoding/json keeps the last value silently, so a scenario's
//     second "expect" would win). The policy parser alone turns this off
//     (Options.AllowDuplicateKeys): it reports each repeated key itself, as
//     a DUPLICATE_KEY finding with its JSON path, alongside the policy's
//     other defects;
//   - a container records at most Options.MaxMembers+1 members or items
//     (and is then Full), and only Options.RecordDepth levels are recorded,
//     so hostile input costs memory within the limits, never beyond;
//   - the first character outside TAB, LF, CR and U+0020 to U+00FF (raw or
//     \u-escaped), and bytes that are not UTF-8, are recorded
//     (Tape.CharDefect): policies may hold only those, and a caller with
//     wider rules ignores it.
//
// Why not gjson: gjson neither validates a text (it reads what it can of a
// broken one), nor refuses repeated keys (it finds the first), and each
// lookup of a nested value reads the text again from its container's
// start, so a loader that visits every value reads nested text once per
// level. gjson is the right tool only for a single path lookup in a text
// already validated, where no position and no strictness are needed.
// Every JSON file of iamsim (policies, scenario files, account exports and
// overlays) reads with this package, so one set of rules holds everywhere;
// gjson, named in the design card, had no caller left and left go.mod (the
// bench module keeps it for its parse floor, the gjson walk).
package jsontext
