package sdktest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// The founding story end to end: an application on an EC2 instance loads
// its default configuration, which finds the PhotoReader role's credentials
// in iamsim's instance metadata; GetObject on the photos bucket is allowed,
// PutObject and other buckets are denied, and the credentials expire on
// time.
func TestFoundingStory(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", f.srv.URL)
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"), config.WithBaseEndpoint(f.srv.URL),
		config.WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if creds.Source != "EC2RoleProvider" {
		t.Errorf("credentials from %s, want the instance's metadata", creds.Source)
	}
	me, err := awssts.NewFromConfig(cfg).GetCallerIdentity(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(me.Arn) != "arn:aws:sts::111111111111:assumed-role/PhotoReader/"+instance {
		t.Errorf("GetCallerIdentity: %s", aws.ToString(me.Arn))
	}
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true; o.BaseEndpoint = aws.String(f.s3.URL) })
	got, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("photos"), Key: aws.String("2024/cat.jpg")})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(got.Body)
	if string(b) != "a cat" {
		t.Errorf("GetObject body %q", b)
	}
	_, err = s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("photos"), Key: aws.String("2024/dog.jpg"), Body: bytes.NewReader([]byte("a dog"))})
	wantS3Code(t, err, "AccessDenied")
	_, err = s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("secrets"), Key: aws.String("key.pem")})
	wantS3Code(t, err, "AccessDenied")
	if _, err := s3c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("photos"), Prefix: aws.String("2024/")}); err != nil {
		t.Errorf("ListBucket: %v", err)
	}

	// The credentials expire on time: six hours after they were issued,
	// the old ones are refused. (The SDK caps instance credentials at an
	// hour and would fetch fresh ones; a client pinned to the old keys
	// shows the expiry.)
	sess, ok := f.svc.Session(creds.AccessKeyID)
	if !ok {
		t.Fatal("no session for the instance's key")
	}
	f.clock.advance(time.Until(sess.Expiration()) + time.Second)
	pinned := s3.New(s3.Options{Region: "us-east-1", UsePathStyle: true, BaseEndpoint: aws.String(f.s3.URL), RetryMaxAttempts: 3,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return creds, nil })})
	_, err = pinned.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("photos"), Key: aws.String("2024/cat.jpg")})
	wantS3Code(t, err, "ExpiredToken")
}

func wantS3Code(t *testing.T, err error, code string) {
	t.Helper()
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != code {
		t.Fatalf("error %v, want %s", err, code)
	}
}

// The IMDS client reads the token, the role and iam/info as an instance's
// SDK does.
func TestIMDSClient(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	c := imds.New(imds.Options{Endpoint: f.srv.URL})
	info, err := c.GetIAMInfo(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info.InstanceProfileArn != "arn:aws:iam::111111111111:instance-profile/PhotoReaderProfile" || info.Code != "Success" {
		t.Errorf("%+v", info.IAMInfo)
	}
	md, err := c.GetMetadata(ctx, &imds.GetMetadataInput{Path: "iam/security-credentials/"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(md.Content)
	if string(b) != "PhotoReader" {
		t.Errorf("role list %q", b)
	}
}
