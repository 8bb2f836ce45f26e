package compiled

import "github.com/iamsim/iamsim/arn"

// Clause is one compiled condition of a statement: an operator applied to
// one condition key with one or more values. The values of a clause are
// ORed; the clauses of a statement are ANDed (IAM User Guide, "Creating a
// condition with multiple keys or values").
type Clause struct {
	Operator  Operator
	Qualifier SetQualifier
	IfExists  bool
	Key       string    // as written in the policy
	LowerKey  string    // Key in lower case: condition keys are case-insensitive
	Values    []Operand // in document order
	Offset    int       // byte offset of the key
	OpOffset  int       // byte offset of the operator
}

// OperatorName returns the operator as written: qualifier, name and IfExists.
func (c *Clause) OperatorName() string {
	s := c.Operator.String()
	if c.IfExists {
		s += "IfExists"
	}
	if c.Qualifier != SingleValued {
		s = c.Qualifier.String() + ":" + s
	}
	return s
}

// PrincipalSet is a compiled Principal or NotPrincipal element.
type PrincipalSet struct {
	All           bool           // "Principal": "*" or {"AWS": "*"}
	AWS           []AWSPrincipal // the AWS entries
	Service       []string       // service principal names
	Federated     []string       // identity providers: ARNs or names such as cognito-identity.amazonaws.com
	CanonicalUser []string       // S3 canonical user ids
}

// AWSPrincipalKind says what an AWS principal entry names.
type AWSPrincipalKind uint8

// The AWS principal forms (IAM User Guide, "AWS JSON policy elements: Principal").
const (
	AWSAll      AWSPrincipalKind = iota // "*"
	AWSAccount                          // an account: a 12-digit id or arn:...:iam::ID:root
	AWSARN                              // a user, role, assumed-role session, federated user...
	AWSUniqueID                         // a unique id left by a deleted principal: matches nothing
)

// AWSPrincipal is one entry of an "AWS" principal.
type AWSPrincipal struct {
	Kind    AWSPrincipalKind
	Raw     string
	Account string  // the account, for AWSAccount and AWSARN
	ARN     arn.ARN // for AWSARN
}
