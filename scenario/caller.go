package scenario

import (
	"strconv"
	"time"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/compiled"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// callerFields maps the fields of request.caller to those of
// evaluate.Caller, whose RequestErrors name the Go field ("Caller.ARN").
// FORMAT.md describes each.
var callerFields = map[string]string{
	"arn":               "ARN",
	"sessionName":       "SessionName",
	"userId":            "UserID",
	"tags":              "Tags",
	"sourceIdentity":    "SourceIdentity",
	"tokenIssueTime":    "TokenIssueTime",
	"federatedProvider": "FederatedProvider",
	"temporary":         "Temporary",
	"mfaAuthTime":       "MFAAuthTime",
}

// jsonField is the JSON name of a Caller field, for placing errors.
func jsonField(goField string) string {
	for j, g := range callerFields {
		if g == goField {
			return j
		}
	}
	return lowerFirst(goField)
}

// caller reads request.caller, iamsim's extension of the format: the
// principal as its credentials establish it (evaluate.Caller), whose keys
// win over the context.
func (l *loader) caller(v jsontext.Value, path string, s *Scenario) (*evaluate.Caller, error) {
	if !v.IsObject() {
		return nil, l.fail(v, path, "caller is an object (see scenario/FORMAT.md)")
	}
	c := &evaluate.Caller{}
	s.fieldPos["caller"] = l.src.Position(v.Off)
	err := l.members(v, path, func(k, val jsontext.Value, kp string) error {
		s.fieldPos["caller."+k.Text] = l.src.Position(val.Off)
		switch k.Text {
		case "arn":
			return l.str(val, kp, &c.ARN)
		case "sessionName":
			return l.str(val, kp, &c.SessionName)
		case "userId":
			return l.str(val, kp, &c.UserID)
		case "sourceIdentity":
			return l.str(val, kp, &c.SourceIdentity)
		case "federatedProvider":
			return l.str(val, kp, &c.FederatedProvider)
		case "tokenIssueTime":
			return l.time(val, kp, &c.TokenIssueTime)
		case "mfaAuthTime":
			return l.time(val, kp, &c.MFAAuthTime)
		case "temporary":
			if val.Kind != jsontext.True && val.Kind != jsontext.False {
				return l.fail(val, kp, "must be true or false, not %s", val.Describe())
			}
			c.Temporary = val.Kind == jsontext.True
			return nil
		case "tags":
			return l.tags(val, kp, s, c)
		case "orgId":
			return l.str(val, kp, &c.OrgID)
		case "orgPaths":
			return l.strList(val, kp, &c.OrgPaths)
		}
		return l.fail(k, kp, "unknown field %q (want arn, sessionName, userId, tags, sourceIdentity, tokenIssueTime, federatedProvider, temporary, mfaAuthTime, orgId, orgPaths)", k.Text)
	})
	if err == nil && c.ARN == "" {
		err = l.fail(v, path, "caller needs an arn: the user, role (with its path), root or federated user")
	}
	return c, err
}

// strList reads a list of strings.
func (l *loader) strList(v jsontext.Value, path string, dst *[]string) error {
	if !v.IsArray() {
		return l.fail(v, path, "must be a list of strings, not %s", v.Describe())
	}
	out := []string{}
	for item := range l.t.Items(v) {
		var s string
		if err := l.str(item, path+"["+strconv.Itoa(len(out))+"]", &s); err != nil {
			return err
		}
		out = append(out, s)
	}
	*dst = out
	return nil
}

// time reads an ISO 8601 date as policies write them (policy.ParseDate).
func (l *loader) time(v jsontext.Value, path string, dst *time.Time) error {
	if v.Kind != jsontext.String {
		return l.fail(v, path, "must be an ISO 8601 date string, not %s", v.Describe())
	}
	t, ok := compiled.ParseDate(v.Text)
	if !ok {
		return l.fail(v, path, "%q is not an ISO 8601 date such as 2024-06-01T12:00:00Z", v.Text)
	}
	*dst = t
	return nil
}

// tags reads the principal's tags: an object of tag key to string value.
func (l *loader) tags(v jsontext.Value, path string, s *Scenario, c *evaluate.Caller) error {
	if !v.IsObject() {
		return l.fail(v, path, "tags is an object of tag key: value")
	}
	c.Tags = map[string]string{}
	return l.members(v, path, func(k, val jsontext.Value, kp string) error {
		s.fieldPos["caller.tags."+k.Text] = l.src.Position(k.Off)
		var tag string
		if err := l.str(val, kp, &tag); err != nil {
			return err
		}
		c.Tags[k.Text] = tag
		return nil
	})
}
