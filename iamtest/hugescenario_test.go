package iamtest_test

import (
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iamsim/iamsim/iamtest"
	"github.com/iamsim/iamsim/scenario"
)

// endlessFS is a folder of one file that never ends, as a device would:
// only a bounded read returns.
type endlessFS struct{}

type endlessFile struct{ read int64 }

func (endlessFS) Open(name string) (fs.File, error) {
	switch name {
	case ".", "s":
		return fstest.MapFS{"s/big.json": {}}.Open(name)
	case "s/big.json":
		return &endlessFile{}, nil
	}
	return nil, fs.ErrNotExist
}

func (f *endlessFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"big.json": {Data: nil, ModTime: time.Time{}}}.Stat("big.json")
}
func (f *endlessFile) Close() error { return nil }
func (f *endlessFile) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	f.read += int64(len(p))
	return len(p), nil
}

var _ io.Reader = (*endlessFile)(nil)

// TestCheckScenariosBoundsFiles: a scenario file is read at most
// scenario.MaxFileBytes, as scenario.Read reads it; CheckScenarios read
// any file whole with fs.ReadFile.
func TestCheckScenariosBoundsFiles(t *testing.T) {
	_, err := iamtest.CheckScenarios(endlessFS{}, "s")
	if err == nil || !strings.Contains(err.Error(), "s/big.json: larger than") {
		t.Fatalf("err = %v, want the file refused as larger than %d bytes", err, scenario.MaxFileBytes)
	}
}
