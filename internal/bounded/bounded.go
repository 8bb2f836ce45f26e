// Package bounded reads an input of at most a given size, refusing a
// longer one whole: never read in part (a policy or scenario cut short could
// read as another) nor without limit (an endless file, /dev/zero, would take
// every byte of memory). The loaders of policies, scenarios, session files
// and account exports all read through it.
package bounded

import (
	"fmt"
	"io"
	"os"
)

// TooLargeError is an input longer than its bound.
type TooLargeError struct {
	Name string // the input's name as reported
	Size int64  // the file's size; -1 when unknown (a reader, a device)
	Max  int
}

func (e *TooLargeError) Error() string { return e.Name + ": " + e.Reason() }

// Reason is the error without the input's name, for an error type that
// names its file itself.
func (e *TooLargeError) Reason() string {
	if e.Size >= 0 {
		return fmt.Sprintf("the file is %d bytes; iamsim reads at most %d", e.Size, e.Max)
	}
	return fmt.Sprintf("larger than %d bytes, the most iamsim reads", e.Max)
}

// Read reads r, named name, up to max bytes; a longer input is a
// *TooLargeError, read one byte past the bound and no further.
func Read(name string, r io.Reader, max int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > max {
		return nil, &TooLargeError{Name: name, Size: -1, Max: max}
	}
	return data, nil
}

// ReadFile is Read of the file at path; a regular file over max is
// refused by its size, unread.
func ReadFile(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > int64(max) {
		return nil, &TooLargeError{Name: path, Size: fi.Size(), Max: max}
	}
	return Read(path, f, max)
}
