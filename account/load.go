package account

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/iamsim/iamsim/internal/bounded"
	"github.com/iamsim/iamsim/internal/jsontext"
	"github.com/iamsim/iamsim/policy"
)

// File is a file's name and contents, as Load takes them.
type File struct {
	Name string
	Data []byte
}

// MaxFileBytes is the largest export or overlay file Load reads (the tape's
// offsets are 32-bit; an account's export of 20,000 principals is some tens
// of megabytes).
const MaxFileBytes = 1 << 30

// LoadFiles reads export files and an optional overlay ("" for none) from
// disk and loads them as Load does. It reads at most MaxFileBytes of a
// file: a larger one (or an endless one, /dev/zero) is refused unread.
func LoadFiles(exports []string, overlay string, opts Options) (*Set, error) {
	read := func(name string) (File, error) {
		data, err := bounded.ReadFile(name, MaxFileBytes)
		if err != nil {
			msg := err.Error()
			var tl *bounded.TooLargeError
			if errors.As(err, &tl) {
				msg = tl.Reason() // the Error names the file
			}
			return File{}, &Error{Origin: Origin{File: name}, Msg: msg}
		}
		return File{name, data}, nil
	}
	var files []File
	var errs ErrorList
	for _, name := range exports {
		f, err := read(name)
		if err != nil {
			errs = append(errs, err.(*Error))
			continue
		}
		files = append(files, f)
	}
	var ov *File
	if overlay != "" {
		f, err := read(overlay)
		if err != nil {
			errs = append(errs, err.(*Error))
		} else {
			ov = &f
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return Load(files, ov, opts)
}

// Load reads the output of aws iam get-account-authorization-details (one
// file per page; several accounts; policy documents as JSON objects, as the
// AWS CLI prints them, or URL-encoded strings, as the IAM API returns them)
// and an optional overlay (see the README, "Account overlays"), and builds
// a Set. Fields Load does not know are ignored, as AWS adds fields. On any
// defect it returns every defect found, each naming its file, JSON path and
// line:column, and no Set.
func Load(exports []File, overlay *File, opts Options) (*Set, error) {
	var b Builder
	var errs ErrorList
	var ov *overlayData
	if overlay != nil {
		ov = readOverlay(*overlay, &b, &errs)
	}
	var pages []page
	for _, f := range exports {
		readExport(f, &b, ov, opts, &errs, &pages)
	}
	checkPages(pages, &errs)
	if ov != nil {
		ov.finish(&b, &errs)
	}
	set, err := b.Build(opts)
	var built ErrorList
	if err != nil {
		errors.As(err, &built)
	}
	errs = append(errs, built...)
	if len(errs) > 0 {
		return nil, errs
	}
	return set, nil
}

// walker reads one file's tape, recording defects with their places.
type walker struct {
	file string
	data []byte
	t    *jsontext.Tape
	errs *ErrorList
	b    *Builder
	pf   *policy.File // the file's bytes and its one line table
	opts Options
	// page is the account of an export page's first entity, and where it
	// is: GetAccountAuthorizationDetails returns one account's entities.
	page, pagePath string
	pages          *[]page // where pagination records the file's page
}

// samePage checks that an entity of an export page is of the page's
// account: a page mixing accounts is no page AWS printed (IAM API
// Reference, GetAccountAuthorizationDetails: "all IAM users, groups, roles,
// and policies in your Amazon Web Services account"), and its entities
// would be read as what they are not.
func (w *walker) samePage(it item, arnText, acct string) bool {
	switch {
	case w.page == "":
		w.page, w.pagePath = acct, it.path
	case acct != w.page:
		w.fail(it.path, it.v.Off, fmt.Sprintf("%s is of account %s, but this file holds account %s (first at %s)", arnText, acct, w.page, w.pagePath))
		return false
	}
	return true
}

// read parses a file onto a tape; false (with the error recorded) when the
// file is not one strict JSON value.
func (w *walker) read() bool {
	if len(w.data) > MaxFileBytes {
		w.fail("", 0, fmt.Sprintf("the file is %d bytes; iamsim reads at most %d", len(w.data), MaxFileBytes))
		return false
	}
	w.pf = policy.NewFile(w.file, w.data)
	w.t = new(jsontext.Tape)
	err := jsontext.Read(w.data, w.t, jsontext.Options{})
	var se *jsontext.SyntaxError
	var de *jsontext.DuplicateKeyError
	switch {
	case err == nil:
		return true
	case errors.As(err, &se):
		w.fail("", se.Offset, "not valid JSON: "+se.Msg)
	case errors.As(err, &de):
		w.fail("", de.Offset, fmt.Sprintf("the key %q appears twice in one object", de.Key))
	default:
		w.fail("", 0, err.Error())
	}
	return false
}

func (w *walker) origin(path string, off int) Origin {
	return Origin{File: w.file, Path: path, Pos: w.pos(off)}
}

// pos returns the place of a byte offset of the file.
func (w *walker) pos(off int) policy.Position {
	if w.pf == nil {
		w.pf = policy.NewFile(w.file, w.data)
	}
	return w.pf.Position(max(0, min(off, len(w.data))))
}

func (w *walker) fail(path string, off int, msg string) {
	*w.errs = append(*w.errs, &Error{Origin: w.origin(path, off), Msg: msg})
}

// get returns member key of obj when it has the kind wanted, recording an
// error when it has another; ok is false when absent or wrong.
func (w *walker) get(obj jsontext.Value, path, key string, kind jsontext.Kind) (jsontext.Value, bool) {
	v, ok := w.t.Get(obj, key)
	if !ok || v.Kind == jsontext.Null {
		return v, false
	}
	if v.Kind != kind && !(kind == jsontext.True && v.Kind == jsontext.False) {
		w.fail(path+"."+key, v.Off, fmt.Sprintf("want %s, found %s", kind, v.Describe()))
		return v, false
	}
	return v, true
}

// str returns a string member; required ones are reported when absent.
func (w *walker) str(obj jsontext.Value, path, key string, required bool) string {
	v, ok := w.get(obj, path, key, jsontext.String)
	if !ok {
		if required && !v.Exists() {
			w.fail(path, obj.Off, fmt.Sprintf("%s is missing", key))
		}
		return ""
	}
	return v.Text
}

// items returns the items of a list member, each with its path.
func (w *walker) items(obj jsontext.Value, path, key string) []item {
	v, ok := w.get(obj, path, key, jsontext.Array)
	if !ok {
		return nil
	}
	var out []item
	i := 0
	for it := range w.t.Items(v) {
		out = append(out, item{it, path + "." + key + "[" + strconv.Itoa(i) + "]"})
		i++
	}
	if path == "" {
		for j := range out {
			out[j].path = out[j].path[1:]
		}
	}
	return out
}

type item struct {
	v    jsontext.Value
	path string
}

// objects returns the items of a list member that are objects, reporting
// the others.
func (w *walker) objects(obj jsontext.Value, path, key string) []item {
	var out []item
	for _, it := range w.items(obj, path, key) {
		if it.v.Kind != jsontext.Object {
			w.fail(it.path, it.v.Off, "want an object, found "+it.v.Describe())
			continue
		}
		out = append(out, it)
	}
	return out
}

// policyDoc parses a policy document member: a JSON object, or a string
// holding the URL-encoded JSON text (the IAM API's form). id names the
// policy in explanations. Whether AWS would store it in its place is
// checked once, by Build (or role.New), which knows the place.
func (w *walker) policyDoc(obj jsontext.Value, path, key, id string) *policy.Policy {
	v, ok := w.t.Get(obj, key)
	if !ok || v.Kind == jsontext.Null {
		w.fail(path, obj.Off, key+" is missing")
		return nil
	}
	p := path + "." + key
	var pol *policy.Policy
	var err error
	src := Source{File: w.file, Pos: w.pos(v.Off)}
	switch v.Kind {
	case jsontext.Object:
		pol, err = policy.ParseFile(w.pf, id, v.Off, w.t.End(v))
	case jsontext.String:
		text, uerr := url.PathUnescape(v.Text)
		if uerr != nil {
			w.fail(p, v.Off, "a policy document string must be URL-encoded JSON: "+uerr.Error())
			return nil
		}
		src.Encoded = true
		pol, err = policy.ParseString(id, text)
	default:
		w.fail(p, v.Off, "want a policy document (an object or a URL-encoded string), found "+v.Describe())
		return nil
	}
	if err != nil {
		var fl policy.ErrorList
		errors.As(err, &fl)
		*w.errs = append(*w.errs, &Error{Origin: w.origin(p, v.Off), Msg: "policy " + id + " is not a valid policy", Findings: fl})
		return nil
	}
	w.b.SetSource(pol, src)
	return pol
}
