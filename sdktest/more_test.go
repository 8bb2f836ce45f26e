package sdktest

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// The presigned GetCallerIdentity of EKS tokens and Vault's AWS auth: a GET
// with the signature in the query, which iamsim verifies.
func TestPresignedGetCallerIdentity(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	req, err := awssts.NewPresignClient(f.alice()).PresignGetCallerIdentity(ctx, &awssts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	hr, _ := http.NewRequest(req.Method, req.URL, nil)
	for k, v := range req.SignedHeader {
		hr.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.Contains(string(b), "<Arn>"+alice+"</Arn>") {
		t.Errorf("%d %s", resp.StatusCode, b)
	}
	// The same URL with another action is not what was signed.
	bad, _ := http.NewRequest("GET", strings.Replace(req.URL, "GetCallerIdentity", "GetSessionToken", 1), nil)
	resp2, err := http.DefaultClient.Do(bad)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != 403 {
		t.Errorf("a tampered presigned URL: %d", resp2.StatusCode)
	}
}

func TestGetSessionTokenAndFederationToken(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, err := f.alice().GetSessionToken(ctx, &awssts.GetSessionTokenInput{DurationSeconds: aws.Int32(3600),
		SerialNumber: aws.String("arn:aws:iam::111111111111:mfa/alice"), TokenCode: aws.String("123456")})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(aws.ToTime(st.Credentials.Expiration)); d < 59*time.Minute || d > 61*time.Minute {
		t.Errorf("expires in %v", d)
	}
	sess, ok := f.svc.Session(aws.ToString(st.Credentials.AccessKeyId))
	if !ok || sess.MFAAuthTime().IsZero() {
		t.Error("the MFA session is not kept with its MFA time")
	}
	_, err = f.alice().GetSessionToken(ctx, &awssts.GetSessionTokenInput{DurationSeconds: aws.Int32(129601)})
	wantAPIError(t, err, "ValidationError", nil,
		"1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600")
	// alice may not federate users: her policies do not allow sts:GetFederationToken.
	_, err = f.alice().GetFederationToken(ctx, &awssts.GetFederationTokenInput{Name: aws.String("Bob")})
	wantAPIError(t, err, "AccessDenied", nil,
		"User: "+alice+" is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::111111111111:federated-user/Bob")
	_, err = f.alice().GetFederationToken(ctx, &awssts.GetFederationTokenInput{Name: aws.String("B")})
	wantAPIError(t, err, "ValidationError", nil,
		"1 validation error detected: Value 'B' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 2")
}

// AssumeRoleWithSAML through the SDK, with a SAML verifier the test
// injects: the session ends at the assertion's SessionNotOnOrAfter, the trust policy's
// SAML:aud condition decides.
func TestAssumeRoleWithSAML(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	anon := f.client(aws.AnonymousCredentials{}, 1)
	assertion := func(s string) *string { return aws.String(base64.StdEncoding.EncodeToString([]byte(s))) }
	out, err := anon.AssumeRoleWithSAML(ctx, &awssts.AssumeRoleWithSAMLInput{RoleArn: aws.String(samlRole), PrincipalArn: aws.String(samlIdP),
		SAMLAssertion: assertion("alice@example.com|alice|https://signin.aws.amazon.com/saml")})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.AssumedRoleUser.Arn) != "arn:aws:sts::111111111111:assumed-role/SAMLUser/alice" || aws.ToString(out.Subject) != "alice@example.com" {
		t.Errorf("%s %s", aws.ToString(out.AssumedRoleUser.Arn), aws.ToString(out.Subject))
	}
	if d := time.Until(aws.ToTime(out.Credentials.Expiration)); d > 21*time.Minute {
		t.Errorf("the session outlives the assertion: %v", d)
	}
	// NameQualifier: BASE64 ( SHA1 ( issuer + account id + "/" + provider
	// name ) ) (AWS STS API Reference, AssumeRoleWithSAML).
	sum := sha1.Sum([]byte("http://www.okta.com/x" + acct + samlIdP[strings.LastIndexByte(samlIdP, '/'):]))
	if got, want := aws.ToString(out.NameQualifier), base64.StdEncoding.EncodeToString(sum[:]); got != want {
		t.Errorf("NameQualifier %q, want %q", got, want)
	}
	_, err = anon.AssumeRoleWithSAML(ctx, &awssts.AssumeRoleWithSAMLInput{RoleArn: aws.String(samlRole), PrincipalArn: aws.String(samlIdP),
		SAMLAssertion: assertion("alice@example.com|alice|https://evil.example.com")})
	wantAPIError(t, err, "AccessDenied", nil, "Not authorized to perform sts:AssumeRoleWithSAML")
	_, err = anon.AssumeRoleWithSAML(ctx, &awssts.AssumeRoleWithSAMLInput{RoleArn: aws.String(samlRole), PrincipalArn: aws.String(samlIdP),
		SAMLAssertion: assertion("garbage")})
	var typed *types.InvalidIdentityTokenException
	if !errors.As(err, &typed) {
		t.Fatalf("%v, want InvalidIdentityToken", err)
	}
}
