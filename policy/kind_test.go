package policy

import (
	"slices"
	"testing"
)

// TestKindNeeds holds the validator to the kind table: for every kind, a
// statement without a Principal (or Resource) is refused exactly when the
// table says Required, and one with it exactly when Forbidden.
func TestKindNeeds(t *testing.T) {
	const (
		bare      = `{"Effect": "Deny", "Action": "sts:AssumeRole"}`
		principal = `{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}`
		resource  = `{"Effect": "Deny", "Action": "sts:AssumeRole", "Resource": "*"}`
	)
	has := func(src string, k Kind, code Code) bool {
		_, fs := Check("k.json", []byte(doc(src)), k)
		return slices.ContainsFunc(fs, func(f *Finding) bool { return f.Code == code })
	}
	for k := Kind(0); k < numKinds; k++ {
		if got := has(bare, k, CodeMissingPrincipal); got != (k.PrincipalNeed() == Required) {
			t.Errorf("%s: MISSING_PRINCIPAL %t, PrincipalNeed %d", k, got, k.PrincipalNeed())
		}
		if got := has(principal, k, principalCode(k)); got != (k.PrincipalNeed() == Forbidden) {
			t.Errorf("%s: UNSUPPORTED_PRINCIPAL %t, PrincipalNeed %d", k, got, k.PrincipalNeed())
		}
		if got := has(bare, k, CodeMissingResource); got != (k.ResourceNeed() == Required) {
			t.Errorf("%s: MISSING_RESOURCE %t, ResourceNeed %d", k, got, k.ResourceNeed())
		}
		if got := has(resource, k, CodeRoleTrustPolicySyntaxErrorResource); got != (k.ResourceNeed() == Forbidden) {
			t.Errorf("%s: UNSUPPORTED_RESOURCE %t, ResourceNeed %d", k, got, k.ResourceNeed())
		}
		if limit, _ := k.SizeQuota(); limit == 0 {
			t.Errorf("%s: no size quota", k)
		}
	}
	if Kind(numKinds).String() != "Kind(11)" || Kind(numKinds).PrincipalNeed() != Optional {
		t.Error("an unknown kind")
	}
}
