package account_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/account"
)

// TestLoadFilesBounded: LoadFiles reads at most account.MaxFileBytes of a
// file, and refuses a larger regular file unread, naming it, as an export
// or as the overlay (it read files whole with os.ReadFile, so a Go caller
// handed /dev/zero ran out of memory).
func TestLoadFilesBounded(t *testing.T) {
	huge := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(account.MaxFileBytes + 1); err != nil { // sparse: no disk
		t.Fatal(err)
	}
	f.Close()
	// (An endless file such as /dev/zero takes the same bounded read up to
	// one byte past the bound: a gigabyte, too much for a unit test.)
	cases := map[string]string{huge: "the file is 1073741825 bytes; iamsim reads at most 1073741824"}
	for name, want := range cases {
		for _, c := range []struct {
			exports []string
			overlay string
		}{{[]string{name}, ""}, {[]string{"../examples/photos/account.json"}, name}} {
			_, err := account.LoadFiles(c.exports, c.overlay, account.Options{})
			if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), want) {
				t.Errorf("LoadFiles(%v, %q): %v, want an error naming %s: %s", c.exports, c.overlay, err, name, want)
			}
		}
	}
}
