package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/sts"
)

// stdinName is the name under which standard input ("-") is read and reported.
const stdinName = "<stdin>"

// tooLargeError is an input longer than the command reads: refused, never
// read in part (a policy cut short could read as another policy) nor read
// whole (iamsim check /dev/zero would take every byte of memory).
type tooLargeError struct {
	name string
	size int64 // the file's size; -1 when unknown (stdin, a device)
	max  int
}

func (e *tooLargeError) Error() string {
	if e.size >= 0 {
		return fmt.Sprintf("%s: the file is %d bytes; iamsim reads at most %d", e.name, e.size, e.max)
	}
	return fmt.Sprintf("%s: more than %d bytes, the most iamsim reads", e.name, e.max)
}

// readInput reads a policy or session file, or stdin for "-", of at most
// policy.MaxSourceBytes (iamsim's own bound on a policy text, far above
// every AWS quota). It returns the name to report: the path, or "<stdin>".
func readInput(path string, stdin io.Reader) (name string, data []byte, err error) {
	return readBounded(path, stdin, policy.MaxSourceBytes)
}

// readBounded reads a file, or stdin for "-", of at most max bytes; a
// longer one is a *tooLargeError.
func readBounded(path string, stdin io.Reader, max int) (name string, data []byte, err error) {
	name, r, size := stdinName, stdin, int64(-1)
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return path, nil, err
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
			if size > int64(max) {
				return path, nil, &tooLargeError{path, size, max}
			}
		}
		name, r = path, f
	}
	data, err = io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return name, nil, err
	}
	if len(data) > max {
		return name, nil, &tooLargeError{name, size, max}
	}
	return name, data, nil
}

// importSession reads a session file (FILE, or - for standard input) as
// strictly as every JSON file of iamsim (checkSessionJSON) and imports it
// into svc.
func importSession(svc *sts.Service, path string, stdin io.Reader) (*sts.Session, error) {
	file, data, err := readInput(path, stdin)
	if err != nil {
		return nil, err
	}
	if err := checkSessionJSON(file, data); err != nil {
		return nil, err
	}
	sess, err := svc.Import(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return sess, nil
}

// checkSessionJSON reads a session file (iamsim assume-role's output) as
// strictly as every other JSON file of iamsim (internal/jsontext): one
// JSON value whose objects repeat no key. sts.Import decodes it with
// encoding/json, which keeps the last of two "Expiration" members
// silently; a file that says two things is refused at the second key.
func checkSessionJSON(name string, data []byte) error {
	var tape jsontext.Tape
	err := jsontext.Read(data, &tape, jsontext.Options{})
	var syn *jsontext.SyntaxError
	var dup *jsontext.DuplicateKeyError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &dup):
		return fmt.Errorf("%s: the key %q appears twice in the same object", policy.NewFile(name, data).Position(dup.Offset), dup.Key)
	case errors.As(err, &syn):
		return fmt.Errorf("%s: invalid JSON: %s", policy.NewFile(name, data).Position(syn.Offset), syn.Msg)
	}
	return fmt.Errorf("%s: %v", name, err)
}
