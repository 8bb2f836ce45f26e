package policy

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/print")

// TestPrintGolden prints each testdata/print/*.json and compares the output
// with the .golden file beside it; go test -run TestPrintGolden -update
// rewrites them.
func TestPrintGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/print/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no inputs in testdata/print: %v", err)
	}
	for _, in := range files {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(filepath.Base(in), src)
			if err != nil {
				t.Fatal(err)
			}
			got := Print(p.Document())
			golden := strings.TrimSuffix(in, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Print (-want +got):\n%s", diff)
			}
			if p.String() != string(got) {
				t.Error("Policy.String differs from Print")
			}
			if j, _ := p.MarshalJSON(); string(j) != string(got) {
				t.Error("Policy.MarshalJSON differs from Print")
			}
		})
	}
}

// photos is read-only S3 access to the photos bucket and its objects.
var photos = Document{
	Version: Version2012,
	Statement: []Statement{{
		Sid:      "ReadPhotos",
		Effect:   Allow,
		Action:   []string{"s3:GetObject", "s3:ListBucket"},
		Resource: []string{"arn:aws:s3:::photos", "arn:aws:s3:::photos/*"},
	}},
}

func TestBuildPhotos(t *testing.T) {
	built, err := Build("photos", photos)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("testdata/print/photos.json")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := Parse("photos.json", src)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(parsed.Document(), built.Document()); diff != "" {
		t.Errorf("Build(photos) and the same JSON parsed differ (-want +got):\n%s", diff)
	}
	if fs := built.Validate(Identity); HasErrors(fs) {
		t.Errorf("the built policy does not validate: %v", fs)
	}
	if !built.Rules()[0].MatchResource("arn:aws:s3:::photos/a.jpg", nil) || !built.Rules()[0].MatchAction("s3:listbucket") {
		t.Error("the built policy does not match what it grants")
	}
	// Build validates as Parse does: an invalid Document is an error with
	// positions in the printed form.
	bad := photos
	bad.Statement = []Statement{{Effect: "allow", Action: []string{"s3:GetObject"}, Resource: []string{"*"}}}
	_, err = Build("bad", bad)
	var list ErrorList
	if !errors.As(err, &list) || list[0].Code != "INVALID_EFFECT" || list[0].Pos.Line != 5 {
		t.Errorf("Build of a bad Effect: %v", err)
	}
}

// TestPrintRoundTrip parses every valid and warning policy of the
// conformance folder and testdata, prints it and parses the output: the
// Document must be the same, and printing it again gives the same bytes.
func TestPrintRoundTrip(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"../../shared/conformance/policies/valid/*.json", "../../shared/conformance/policies/warning/*.json",
		"testdata/policies/valid/*.json", "testdata/policies/warning/*.json", "testdata/print/*.json",
	} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	ran := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".expect.json") {
			continue
		}
		ran++
		t.Run(f, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			p, err := Parse(f, src)
			if err != nil {
				t.Fatal(err)
			}
			out := Print(p.Document())
			q, err := Parse("printed", out)
			if err != nil {
				t.Fatalf("the printed form does not parse: %v\n%s", err, out)
			}
			if diff := cmp.Diff(p.Document(), q.Document()); diff != "" {
				t.Errorf("Parse(Print(doc)) (-want +got):\n%s", diff)
			}
			if again := Print(q.Document()); string(again) != string(out) {
				t.Errorf("printing twice differs:\n%s\n%s", out, again)
			}
		})
	}
	if ran < 10 {
		t.Errorf("only %d policies round-tripped", ran)
	}
}

// TestDocumentIsACopy checks that Policy.Document shares nothing with the policy.
func TestDocumentIsACopy(t *testing.T) {
	p := MustParse("c.json", `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "bob"}}}}`)
	d := p.Document()
	d.Statement[0].Action[0] = "iam:*"
	d.Statement[0].Principal["AWS"][0] = "x"
	d.Statement[0].Condition["StringEquals"]["aws:username"][0] = "eve"
	if diff := cmp.Diff(p.Document(), MustParse("c.json", p.String()).Document()); diff != "" || p.Document().Statement[0].Action[0] != "s3:GetObject" {
		t.Errorf("changing the Document changed the policy:\n%s", diff)
	}
}
