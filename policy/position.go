package policy

import (
	"fmt"
	"sort"
)

// Position is a place in a policy's source text. Offset is a byte offset;
// Line and Column are 1-based, Column counts bytes, and CR LF is one line
// break. The zero Position means "no position" (a policy built from Go values
// before it was printed, or a defect of the whole document such as its size).
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
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

// PositionIn returns the line and column of byte offset off in text,
// counted as the positions of findings are: 1-based, columns in bytes, CR LF
// one line break. Files that embed policies (scenario files) use it for
// their own defects, so that every position of iamsim reads the same way.
func PositionIn(text []byte, off int) Position { return positionAt(text, off) }

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

// lineIndex converts byte offsets of one source text to positions, as
// positionAt does, in O(log n) each after one scan for the line starts made
// on first use. Parse and Validate use it so that a document with thousands
// of findings costs one scan, not one per finding.
type lineIndex struct {
	src    []byte
	starts []int // offsets where lines 2, 3, ... begin
	built  bool
}

// build finds where each line begins. Call it before sharing the index
// between goroutines: position builds it on first use otherwise.
func (x *lineIndex) build() {
	x.built = true
	for i, c := range x.src {
		if c == '\n' || (c == '\r' && (i+1 >= len(x.src) || x.src[i+1] != '\n')) {
			x.starts = append(x.starts, i+1)
		}
	}
}

func (x *lineIndex) position(off int) Position {
	if off < 0 {
		return Position{}
	}
	if off > len(x.src) {
		off = len(x.src)
	}
	if !x.built {
		x.build()
	}
	n := sort.SearchInts(x.starts, off+1) // the lines that start at or before off, less line 1
	start := 0
	if n > 0 {
		start = x.starts[n-1]
	}
	return Position{Offset: off, Line: n + 1, Column: off - start + 1}
}
