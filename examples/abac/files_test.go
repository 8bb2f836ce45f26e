package main

import (
	"flag"
	"testing"

	"github.com/iamsim/iamsim/examples/internal/story"
)

var update = flag.Bool("update", false, "rewrite the JSON files from the story's Go values")

// The JSON files beside the story (the export, the overlay, each policy)
// hold the design of its Go values, and replay the same story when loaded
// as iamsim authorize loads them.
func TestFiles(t *testing.T) { story.CheckFiles(t, ".", design(), tell, *update) }
