package sdktest

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go"
)

func (f *fixture) client(p aws.CredentialsProvider, attempts int) *awssts.Client {
	return awssts.New(awssts.Options{Region: "us-east-1", BaseEndpoint: aws.String(f.srv.URL), Credentials: p, RetryMaxAttempts: attempts})
}

func (f *fixture) alice() *awssts.Client {
	return f.client(credentials.NewStaticCredentialsProvider(aliceKey, aliceSec, ""), 1)
}

func TestAssumeRoleEveryParameter(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	out, err := f.alice().AssumeRole(ctx, &awssts.AssumeRoleInput{
		RoleArn: aws.String(devRole), RoleSessionName: aws.String("alice@example.com"), DurationSeconds: aws.Int32(7200),
		ExternalId: aws.String("ext-123"), SerialNumber: aws.String("arn:aws:iam::111111111111:mfa/alice"), TokenCode: aws.String("123456"),
		Policy:            aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}`),
		PolicyArns:        []types.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::111111111111:policy/PhotosReadOnly")}},
		Tags:              []types.Tag{{Key: aws.String("Project"), Value: aws.String("Unicorn")}, {Key: aws.String("Team"), Value: aws.String("")}},
		TransitiveTagKeys: []string{"Project"},
		SourceIdentity:    aws.String("alice"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToString(out.AssumedRoleUser.Arn); got != "arn:aws:sts::111111111111:assumed-role/Dev/alice@example.com" {
		t.Errorf("Arn %s", got)
	}
	if id := aws.ToString(out.AssumedRoleUser.AssumedRoleId); !strings.HasPrefix(id, "AROA") || !strings.HasSuffix(id, ":alice@example.com") {
		t.Errorf("AssumedRoleId %s", id)
	}
	c := out.Credentials
	if !strings.HasPrefix(aws.ToString(c.AccessKeyId), "ASIA") || len(aws.ToString(c.SecretAccessKey)) != 40 || aws.ToString(c.SessionToken) == "" {
		t.Errorf("credentials %v", c)
	}
	if d := time.Until(aws.ToTime(c.Expiration)); d < 119*time.Minute || d > 121*time.Minute {
		t.Errorf("expires in %v", d)
	}
	//lint:ignore SA1019 deprecated in the SDK, still in STS's responses and model (sts-wire.md §0.5)
	packed := aws.ToInt32(out.PackedPolicySize)
	if aws.ToString(out.SourceIdentity) != "alice" || packed <= 0 {
		t.Errorf("source %q packed %d", aws.ToString(out.SourceIdentity), packed)
	}
	if id, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); !ok || len(id) != 36 {
		t.Errorf("request id %q", id)
	}
	sess, ok := f.svc.Session(aws.ToString(c.AccessKeyId))
	if !ok || sess.Tags()["Project"] != "Unicorn" || sess.MFAAuthTime().IsZero() || len(sess.Policies()) != 2 {
		t.Errorf("the session iamsim keeps: %v", sess)
	}
	// The session signs its own calls.
	me, err := f.client(credentials.NewStaticCredentialsProvider(aws.ToString(c.AccessKeyId), aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken)), 1).
		GetCallerIdentity(ctx, &awssts.GetCallerIdentityInput{})
	if err != nil || aws.ToString(me.Arn) != aws.ToString(out.AssumedRoleUser.Arn) || aws.ToString(me.UserId) != aws.ToString(out.AssumedRoleUser.AssumedRoleId) || aws.ToString(me.Account) != acct {
		t.Errorf("GetCallerIdentity %v %v", me, err)
	}
}

// wantAPIError checks the code the SDK reports, and that the request id it
// read from the header is the one of the body.
func wantAPIError(t *testing.T, err error, code string, typed func(error) bool, msg string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an API error", err)
	}
	if ae.ErrorCode() != code || (msg != "" && ae.ErrorMessage() != msg) {
		t.Fatalf("error %s: %q\nwant  %s: %q", ae.ErrorCode(), ae.ErrorMessage(), code, msg)
	}
	if typed != nil && !typed(err) {
		t.Errorf("%s is not the SDK's typed error (%T)", code, ae)
	}
	var re *awshttp.ResponseError
	if !errors.As(err, &re) || len(re.ServiceRequestID()) != 36 {
		t.Errorf("no request id in %v", err)
	}
}

func isType[T error](err error) bool {
	var x T
	return errors.As(err, &x)
}

func TestRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	base := func() *awssts.AssumeRoleInput {
		return &awssts.AssumeRoleInput{RoleArn: aws.String(devRole), RoleSessionName: aws.String("s1"), ExternalId: aws.String("ext-123")}
	}
	with := func(mod func(*awssts.AssumeRoleInput)) *awssts.AssumeRoleInput { in := base(); mod(in); return in }
	cases := []struct {
		name  string
		in    *awssts.AssumeRoleInput
		code  string
		typed func(error) bool
		msg   string
	}{
		{"wrong external id", with(func(in *awssts.AssumeRoleInput) { in.ExternalId = aws.String("nope-1") }), "AccessDenied", nil,
			"User: " + alice + " is not authorized to perform: sts:AssumeRole on resource: " + devRole},
		{"session name of one character", with(func(in *awssts.AssumeRoleInput) { in.RoleSessionName = aws.String("a") }), "ValidationError", nil,
			"1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"},
		{"duration 0", with(func(in *awssts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(0) }), "ValidationError", nil,
			"1 validation error detected: Value '0' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"},
		{"duration beyond the role's maximum", with(func(in *awssts.AssumeRoleInput) { in.DurationSeconds = aws.Int32(7201) }), "ValidationError", nil,
			"The requested DurationSeconds exceeds the MaxSessionDuration set for this role."},
		{"malformed role ARN", with(func(in *awssts.AssumeRoleInput) { in.RoleArn = aws.String("nothing-valid-in-here") }), "ValidationError", nil,
			"nothing-valid-in-here is invalid"},
		{"duplicate tags", with(func(in *awssts.AssumeRoleInput) {
			in.Tags = []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}, {Key: aws.String("A"), Value: aws.String("2")}}
		}), "InvalidParameterValue", nil, "Duplicate tag keys found. Please note that Tag keys are case insensitive."},
		{"malformed session policy", with(func(in *awssts.AssumeRoleInput) { in.Policy = aws.String(`{"Version":`) }), "MalformedPolicyDocument",
			isType[*types.MalformedPolicyDocumentException], ""},
		{"unknown managed session policy", with(func(in *awssts.AssumeRoleInput) {
			in.PolicyArns = []types.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::111111111111:policy/Nope")}}
		}), "InvalidParameterValue", nil, ""},
		{"packed policy too large", with(func(in *awssts.AssumeRoleInput) {
			pre := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/`
			in.Policy = aws.String(pre + strings.Repeat("A", 2040-len(pre)-4) + `"}]}`)
			in.PolicyArns = []types.PolicyDescriptorType{{Arn: aws.String("arn:aws:iam::111111111111:policy/PhotosReadOnly")}}
		}), "PackedPolicyTooLarge", isType[*types.PackedPolicyTooLargeException], ""},
		{"wrong MFA code", with(func(in *awssts.AssumeRoleInput) {
			in.SerialNumber, in.TokenCode = aws.String("arn:aws:iam::111111111111:mfa/alice"), aws.String("000000")
		}), "AccessDenied", nil, "MultiFactorAuthentication failed with invalid MFA one time pass code."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.alice().AssumeRole(ctx, c.in)
			wantAPIError(t, err, c.code, c.typed, c.msg)
		})
	}
	t.Run("unknown access key", func(t *testing.T) {
		_, err := f.client(credentials.NewStaticCredentialsProvider("AKIAUNKNOWNEXAMPLE01", "x", ""), 1).GetCallerIdentity(ctx, nil)
		wantAPIError(t, err, "InvalidClientTokenId", nil, "The security token included in the request is invalid.")
	})
	t.Run("wrong secret", func(t *testing.T) {
		_, err := f.client(credentials.NewStaticCredentialsProvider(aliceKey, "wrong", ""), 1).GetCallerIdentity(ctx, nil)
		wantAPIError(t, err, "SignatureDoesNotMatch", nil, "")
	})
	t.Run("unsigned", func(t *testing.T) {
		_, err := f.client(aws.AnonymousCredentials{}, 1).GetCallerIdentity(ctx, nil)
		wantAPIError(t, err, "MissingAuthenticationToken", nil, "")
	})
	t.Run("GetSessionToken with session credentials", func(t *testing.T) {
		st, err := f.alice().GetSessionToken(ctx, &awssts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
		if err != nil {
			t.Fatal(err)
		}
		c := st.Credentials
		_, err = f.client(credentials.NewStaticCredentialsProvider(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken), 1).GetSessionToken(ctx, nil)
		wantAPIError(t, err, "AccessDenied", nil, "Cannot call GetSessionToken with session credentials")
	})
	t.Run("web identity: typed errors", func(t *testing.T) {
		exp := strconv.FormatInt(f.clock.now().Add(time.Hour).Unix(), 10)
		anon := f.client(aws.AnonymousCredentials{}, 1)
		out, err := anon.AssumeRoleWithWebIdentity(ctx, &awssts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
			RoleSessionName: aws.String("gh"), WebIdentityToken: aws.String("repo:iamsim/x|sts.amazonaws.com|" + exp)})
		if err != nil || aws.ToString(out.SubjectFromWebIdentityToken) != "repo:iamsim/x" || aws.ToString(out.Provider) != "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" {
			t.Fatalf("%v %v", out, err)
		}
		_, err = anon.AssumeRoleWithWebIdentity(ctx, &awssts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
			RoleSessionName: aws.String("gh"), WebIdentityToken: aws.String("repo:iamsim/x|sts.amazonaws.com|1000")})
		wantAPIError(t, err, "ExpiredTokenException", isType[*types.ExpiredTokenException], "")
		_, err = anon.AssumeRoleWithWebIdentity(ctx, &awssts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
			RoleSessionName: aws.String("gh"), WebIdentityToken: aws.String("repo:iamsim/x|other|" + exp)})
		wantAPIError(t, err, "InvalidIdentityToken", isType[*types.InvalidIdentityTokenException], "Incorrect token audience")
		_, err = anon.AssumeRoleWithWebIdentity(ctx, &awssts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String(webRole),
			RoleSessionName: aws.String("gh"), WebIdentityToken: aws.String("repo:evil/x|sts.amazonaws.com|" + exp)})
		wantAPIError(t, err, "AccessDenied", nil, "Not authorized to perform sts:AssumeRoleWithWebIdentity")
	})
}

// Role chaining through the SDK's own credential providers (sts-wire.md §6.5).
func TestRoleChaining(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	dev := aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(f.alice(), devRole, func(o *stscreds.AssumeRoleOptions) {
		o.ExternalID = aws.String("ext-123")
		o.SourceIdentity = aws.String("alice")
		o.Tags = []types.Tag{{Key: aws.String("Project"), Value: aws.String("Unicorn")}}
		o.TransitiveTagKeys = []string{"Project"}
	}))
	ch := aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(f.client(dev, 1), chained, func(o *stscreds.AssumeRoleOptions) {
		o.RoleSessionName = "chained"
		o.Duration = time.Hour
	}))
	me, err := f.client(ch, 1).GetCallerIdentity(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(me.Arn) != "arn:aws:sts::111111111111:assumed-role/Chained/chained" {
		t.Errorf("%s", aws.ToString(me.Arn))
	}
	creds, _ := ch.Retrieve(ctx)
	sess, ok := f.svc.Session(creds.AccessKeyID)
	if !ok || !sess.Chained() || sess.SourceIdentity() != "alice" || sess.Tags()["Project"] != "Unicorn" {
		t.Errorf("chained session %v", sess)
	}
	_, err = f.client(dev, 1).AssumeRole(ctx, &awssts.AssumeRoleInput{RoleArn: aws.String(chained), RoleSessionName: aws.String("long"), DurationSeconds: aws.Int32(3601)})
	wantAPIError(t, err, "ValidationError", nil, "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
	_, err = f.client(dev, 1).AssumeRole(ctx, &awssts.AssumeRoleInput{RoleArn: aws.String(chained), RoleSessionName: aws.String("clash"),
		Tags: []types.Tag{{Key: aws.String("project"), Value: aws.String("x")}}})
	wantAPIError(t, err, "InvalidParameterValue", nil, "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.")
}

// Expired session credentials are ExpiredToken. iamsim's clock moves; its
// Date header lets the SDK correct its signing time as it does with AWS.
func TestExpiredToken(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	out, err := f.alice().AssumeRole(ctx, &awssts.AssumeRoleInput{RoleArn: aws.String(devRole), RoleSessionName: aws.String("short"),
		ExternalId: aws.String("ext-123"), DurationSeconds: aws.Int32(900)})
	if err != nil {
		t.Fatal(err)
	}
	c := out.Credentials
	f.clock.advance(901 * time.Second)
	_, err = f.client(credentials.NewStaticCredentialsProvider(*c.AccessKeyId, *c.SecretAccessKey, *c.SessionToken), 3).GetCallerIdentity(ctx, nil)
	wantAPIError(t, err, "ExpiredToken", nil, "The security token included in the request is expired")
}
