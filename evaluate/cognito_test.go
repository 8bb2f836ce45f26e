package evaluate

import (
	"errors"
	"fmt"
	"testing"

	"github.com/iamsim/iamsim/policy"
)

// TestCompileRefusesUnconditionedCognitoTrust: IAM refuses a role trust
// policy that lets Amazon Cognito identity pools assume the role with no
// condition (policy.CodeCognitoTrustWithoutCondition), so such a policy
// never grants: Compile refuses it in the resource slot, where a role's
// trust policy is weighed; with the identity pool's aud condition it
// compiles.
func TestCompileRefusesUnconditionedCognitoTrust(t *testing.T) {
	const stmt = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"%s}]}`
	bare := policy.MustParse("trust.json", fmt.Sprintf(stmt, ""))
	var refused *RefusedError
	if _, err := Compile(Policies{Resource: bare}); !errors.As(err, &refused) {
		t.Fatalf("Compile of a Cognito trust without a condition: %v, want a *RefusedError", err)
	}
	withAud := policy.MustParse("trust.json", fmt.Sprintf(stmt, `, "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456790ab"}}`))
	if _, err := Compile(Policies{Resource: withAud}); err != nil {
		t.Fatalf("Compile of a Cognito trust with its aud condition: %v", err)
	}
}
