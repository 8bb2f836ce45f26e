package policy

import (
	"sort"
	"strconv"
	"sync/atomic"
)

// Position is a place in a source file. Offset is a byte offset; Line and
// Column are 1-based, Column counts bytes, and CR LF is one line break (a
// lone CR is one too). The zero Position means "no position" (a policy built
// from Go values before it was printed, or a defect of the whole document
// such as its size).
type Position struct {
	Filename string `json:"file,omitempty"` // the File's name; "" when unknown
	Offset   int    `json:"offset"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// IsValid reports whether p names a place in a source text.
func (p Position) IsValid() bool { return p.Line > 0 }

// String returns "file:line:column", "line:column" when the file has no
// name, or "-" for the zero Position.
func (p Position) String() string {
	if !p.IsValid() {
		return "-"
	}
	s := strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	if p.Filename != "" {
		s = p.Filename + ":" + s
	}
	return s
}

// File is a source text that holds one or more policies: a policy file, a
// scenario file, an account export of thousands of policies. Every policy
// parsed from a File shares its one table of line starts, built on the first
// Position asked for, so that showing positions costs memory in proportion
// to the file, not to the file times its policies (as go/token.File does
// for Go sources). A File is safe for concurrent use; its bytes must not be
// changed once it is made.
type File struct {
	name  string
	src   []byte
	lines atomic.Pointer[[]int] // offsets where lines 2, 3, ... begin; nil until asked for
}

// NewFile returns the File of src under name (a path, say; "" for none).
func NewFile(name string, src []byte) *File { return &File{name: name, src: src} }

// Name returns the file's name.
func (f *File) Name() string { return f.name }

// Bytes returns the file's text. It is shared: treat it as read-only.
func (f *File) Bytes() []byte { return f.src }

// Size returns the length of the file's text in bytes.
func (f *File) Size() int { return len(f.src) }

// Position returns the place of byte offset off: 1-based line and column,
// columns in bytes, CR LF one line break and a lone CR one too. An offset
// past the end is the end; a negative one has no place (the zero Position).
func (f *File) Position(off int) Position {
	if off < 0 {
		return Position{}
	}
	if off > len(f.src) {
		off = len(f.src)
	}
	starts := f.lines.Load()
	if starts == nil {
		// Goroutines that ask at once may each build the table: they build
		// the same one, and one is kept. (A sync.Once would make every
		// File, and so every Policy, 16 bytes larger.)
		starts = f.build()
		if !f.lines.CompareAndSwap(nil, starts) {
			starts = f.lines.Load()
		}
	}
	n := sort.SearchInts(*starts, off+1) // the lines that start at or before off, less line 1
	start := 0
	if n > 0 {
		start = (*starts)[n-1]
	}
	return Position{Filename: f.name, Offset: off, Line: n + 1, Column: off - start + 1}
}

// build finds where each line begins.
func (f *File) build() *[]int {
	src := f.src
	starts := []int{}
	for i, c := range src {
		if c == '\n' || (c == '\r' && (i+1 >= len(src) || src[i+1] != '\n')) {
			starts = append(starts, i+1)
		}
	}
	return &starts
}
