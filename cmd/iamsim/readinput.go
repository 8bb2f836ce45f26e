package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/iamsim/iamsim/internal/bounded"
	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/sts"
)

// stdinName is the name under which standard input ("-") is read and reported.
const stdinName = "<stdin>"

// readInput reads a policy or session file, or stdin for "-", of at most
// policy.MaxSourceBytes (iamsim's own bound on a policy text, far above
// every AWS quota). It returns the name to report: the path, or "<stdin>".
func readInput(path string, stdin io.Reader) (name string, data []byte, err error) {
	return readBounded(path, stdin, policy.MaxSourceBytes)
}

// readBounded reads a file, or stdin for "-", of at most max bytes; a
// longer one is a *bounded.TooLargeError.
func readBounded(path string, stdin io.Reader, max int) (name string, data []byte, err error) {
	if path == "-" {
		data, err = bounded.Read(stdinName, stdin, max)
		return stdinName, data, err
	}
	data, err = bounded.ReadFile(path, max)
	return path, data, err
}

// importSession reads a session file (FILE, or - for standard input) and
// imports it into svc. sts.Import reads it as strictly as every JSON file
// of iamsim (a repeated key refused); its JSON errors are told here at
// FILE:LINE:COL.
func importSession(svc *sts.Service, path string, stdin io.Reader) (*sts.Session, error) {
	file, data, err := readInput(path, stdin)
	if err != nil {
		return nil, err
	}
	sess, err := svc.Import(data)
	var syn *jsontext.SyntaxError
	var dup *jsontext.DuplicateKeyError
	switch {
	case err == nil:
		return sess, nil
	case errors.As(err, &dup):
		return nil, fmt.Errorf("%s: the key %q appears twice in the same object", policy.NewFile(file, data).Position(dup.Offset), dup.Key)
	case errors.As(err, &syn):
		return nil, fmt.Errorf("%s: invalid JSON: %s", policy.NewFile(file, data).Position(syn.Offset), syn.Msg)
	}
	return nil, fmt.Errorf("%s: %w", file, err)
}
