package scenario

import _ "embed"

// Format is FORMAT.md, the reference of the scenario file format, shipped
// in the module so that a program (iamsim help eval) and a reader of the
// package's documentation on a machine without the repository have it.
//
//go:embed FORMAT.md
var Format string
