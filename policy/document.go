package policy

// Document is a policy as Go values that read like its JSON: the form to
// build policies in code and the form that Print writes. A nil slice or map
// is an absent element; a non-nil empty one is an empty JSON list or object.
// Build turns a Document into a Policy, validating it exactly as Parse
// validates JSON.
type Document struct {
	Version   string      // "2012-10-17", "2008-10-17" or "" (absent)
	ID        string      // the optional Id element
	Statement []Statement // one or more statements
}

// The policy language versions (IAM User Guide, "IAM JSON policy elements: Version").
const (
	Version2012 = "2012-10-17" // the current version: policy variables work
	Version2008 = "2008-10-17" // the older version: ${...} is literal text
)

// Effect is a statement's Effect: Allow or Deny. The zero Effect is absent
// (invalid in a policy).
type Effect string

// The two effects; IAM spells them exactly so.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Statement is one statement of a Document.
type Statement struct {
	Sid          string
	Effect       Effect
	Principal    Principal // nil: absent
	NotPrincipal Principal
	Action       []string
	NotAction    []string
	Resource     []string
	NotResource  []string
	Condition    Condition // nil: absent
}

// Principal maps a principal type (AWS, Service, Federated, CanonicalUser)
// to its values. The key "*" alone stands for "Principal": "*" (everyone).
// A nil Principal is absent; an empty non-nil one is "Principal": {}.
type Principal map[string][]string

// Everyone returns the Principal "*", a new map each time: a shared
// exported map could be changed by any caller, for every other.
func Everyone() Principal { return Principal{"*": nil} }

// Condition maps an operator (such as "StringEquals" or
// "ForAnyValue:StringLikeIfExists") to condition keys and their values.
// Booleans and numbers are written as strings ("true", "10").
type Condition map[string]map[string][]string
