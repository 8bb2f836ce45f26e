package policy

import "fmt"

// Position is a place in a policy's source text. Offset is a byte offset;
// Line and Column are 1-based, Column counts bytes, and CR LF is one line
// break. The zero Position means "no position" (a policy built from Go values
// before it was printed, or a defect of the whole document such as its size).
type Position struct {
	Offset int
	Line   int
	Column int
}

// IsValid reports whether p names a place in a source text.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "line:column", or "-" for the zero Position.
func (p Position) String() string {
	if !p.IsValid() {
		return "-"
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

// positionAt computes the line and column of byte offset off in src. It is
// called only when a position is shown, so it scans instead of keeping a
// table of line starts. A lone CR also ends a line.
func positionAt(src []byte, off int) Position {
	if off < 0 {
		return Position{}
	}
	if off > len(src) {
		off = len(src)
	}
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\n':
			line++
			start = i + 1
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				continue
			}
			line++
			start = i + 1
		}
	}
	return Position{Offset: off, Line: line, Column: off - start + 1}
}
