package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iamsim/iamsim/policy"
)

// checkTarget is one policy file to check, with its place.
type checkTarget struct {
	path string
	kind policy.Kind
	rt   policy.ResourceType // with a resource type: policy.CheckResource
	// fromDir is set for a file found in a DIR argument: one that is not a
	// policy (a scenario, say) is left out with a hint, not checked.
	fromDir bool
}

// kindFromName reads a policy file's place from its name, NAME.PLACE.json
// or PLACE.json (trust.json), where PLACE is a kind (identity, inline-user, inline-group, inline-role,
// resource, trust, boundary, session, scp, rcp) or a resource type's short
// name (s3-bucket, s3-access-point, s3-multi-region-access-point,
// s3-object-lambda-access-point, dynamodb-table, role-trust). ok is false
// when the name says none.
func kindFromName(path string) (kind policy.Kind, rt policy.ResourceType, ok bool) {
	base := strings.TrimSuffix(filepath.Base(path), ".json")
	place := base[strings.LastIndexByte(base, '.')+1:] // the whole name without a dot
	if k, err := policy.ParseKind(place); err == nil {
		return k, "", true
	}
	if r, err := policy.ParseResourceType(place); err == nil && !strings.Contains(place, "::") {
		return r.Kind(), r, true
	}
	return 0, "", false
}

// checkTargets expands the command line's FILE and DIR arguments: a
// directory stands for its .json files, at any depth, in lexical order
// (hidden files and directories left out); one with none is an error. A file's place is the flags'
// when --kind or --resource-type is given, else its name's (kindFromName),
// else an identity policy.
func checkTargets(args []string, kind policy.Kind, rt policy.ResourceType, fromFlags bool) ([]checkTarget, error) {
	var out []checkTarget
	add := func(path string, fromDir bool) {
		t := checkTarget{path: path, kind: kind, rt: rt, fromDir: fromDir}
		if !fromFlags {
			if k, r, ok := kindFromName(path); ok {
				t.kind, t.rt = k, r
			}
		}
		out = append(out, t)
	}
	for _, arg := range args {
		if arg == "-" || !isDir(arg) {
			add(arg, false)
			continue
		}
		var files []string
		err := filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if path != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".json") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		if len(files) == 0 {
			// A folder that holds no policy checks nothing: exiting 0 would
			// tell a script its (mistyped, or emptied) folder is valid.
			return out, fmt.Errorf("%s holds no .json files: nothing to check", arg)
		}
		slices.Sort(files)
		for _, f := range files {
			add(f, true)
		}
	}
	return out, nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// flagSet reports whether the command line gave the flag name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(fl *flag.Flag) {
		if fl.Name == name {
			set = true
		}
	})
	return set
}
