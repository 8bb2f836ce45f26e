package bounded

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBounds: an input of max bytes is read whole; one byte more is a
// *TooLargeError, by its size for a regular file (unread) and by reading
// one byte past the bound for a reader.
func TestBounds(t *testing.T) {
	if data, err := Read("r", strings.NewReader("abcd"), 4); err != nil || string(data) != "abcd" {
		t.Errorf("at the bound: %q %v", data, err)
	}
	var tl *TooLargeError
	_, err := Read("r", strings.NewReader("abcde"), 4)
	if !errors.As(err, &tl) || tl.Size != -1 || err.Error() != "r: larger than 4 bytes, the most iamsim reads" {
		t.Errorf("a reader past the bound: %v", err)
	}
	path := filepath.Join(t.TempDir(), "f.json")
	if err := os.WriteFile(path, []byte("abcde"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadFile(path, 4)
	if !errors.As(err, &tl) || err.Error() != path+": the file is 5 bytes; iamsim reads at most 4" || tl.Reason() != "the file is 5 bytes; iamsim reads at most 4" {
		t.Errorf("a file past the bound: %v", err)
	}
	if data, err := ReadFile(path, 5); err != nil || string(data) != "abcde" {
		t.Errorf("a file at the bound: %q %v", data, err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing"), 4); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
