package account

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/iamsim/iamsim/internal/jsontext"
)

// ErrIncompleteExport: an export page says more items remain, and the
// account's last page is not among the files loaded. Its users, groups,
// roles and policies would be silently missing, so that who-can would
// leave principals out; the load is refused instead.
var ErrIncompleteExport = errors.New("account: an export page says more items remain, but the account's last page is not loaded")

// page is what one export file says of its place in a paginated export.
type page struct {
	origin    Origin
	account   string // "" for a page without entities
	truncated bool
}

// pagination reads IsTruncated and Marker (IAM API Reference,
// GetAccountAuthorizationDetails: IsTruncated is "a flag that indicates
// whether there are more items to return"; "When IsTruncated is true, this
// element [Marker] is present"), and the AWS CLI's NextToken ("Using the
// pagination options in the AWS CLI", --max-items: "a NextToken is
// provided in the command's output" when more items are available).
func (w *walker) pagination(root jsontext.Value) {
	p := page{origin: w.origin("", root.Off), account: w.page}
	if v, ok := w.t.Get(root, "IsTruncated"); ok && v.Kind != jsontext.Null {
		p.origin = w.origin("IsTruncated", v.Off)
		switch v.Kind {
		case jsontext.True:
			p.truncated = true
			if m, ok := w.t.Get(root, "Marker"); !ok || m.Kind == jsontext.Null {
				w.fail("IsTruncated", v.Off, "IsTruncated is true but Marker is missing: IAM gives the Marker of the next page with every truncated one")
			}
		case jsontext.False:
		default:
			w.fail("IsTruncated", v.Off, "want a boolean, found "+v.Describe())
		}
	}
	for _, key := range []string{"Marker", "NextToken"} {
		v, ok := w.t.Get(root, key)
		if !ok || v.Kind == jsontext.Null {
			continue
		}
		if v.Kind != jsontext.String {
			w.fail(key, v.Off, "want a string, found "+v.Describe())
			continue
		}
		if key == "NextToken" {
			p.truncated = true
			p.origin = w.origin(key, v.Off)
		}
	}
	if w.pages != nil {
		*w.pages = append(*w.pages, p)
	}
}

// checkPages refuses an account some of whose pages say more items remain
// while none of its loaded pages is its last. A page without entities
// names no account, so it closes none: load the account's pages with
// entities, or its export in one file (the AWS CLI's default, which
// follows every Marker).
func checkPages(pages []page, errs *ErrorList) {
	last := map[string]bool{}
	open := map[string]Origin{}
	for _, p := range pages {
		switch {
		case p.account == "":
		case !p.truncated:
			last[p.account] = true
		case open[p.account] == (Origin{}):
			open[p.account] = p.origin
		}
	}
	for _, p := range pages {
		if p.truncated && p.account == "" {
			errs.addKind(p.origin, "", "this page says more items remain but holds no entity, so which account it is of is unknown: load the account's pages that hold its entities", nil, ErrIncompleteExport)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(open)) {
		if !last[id] {
			errs.addKind(open[id], "", fmt.Sprintf("this page of account %s says more items remain, but no page of it loaded is its last (IsTruncated false): "+
				"its other users, groups, roles and policies would be missing (IAM API Reference, GetAccountAuthorizationDetails, IsTruncated)", id), nil, ErrIncompleteExport)
		}
	}
}
