package main

import (
	"fmt"
	"io"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/examples/internal/story"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
	"github.com/iamsim/iamsim/sts"
)

const (
	photos    = "111111111111"
	readOnly  = "arn:aws:iam::111111111111:policy/PhotosReadOnly"
	profile   = "PhotoReaderProfile"
	instance  = "i-0abc123"
	secureTLS = "true" // the SDKs call S3 over HTTPS
)

// photosReadOnly is the administrator's policy: list the photos bucket and
// read its objects, nothing else.
var photosReadOnly = policy.MustBuild("PhotosReadOnly", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{
		{Sid: "ListPhotosBucket", Effect: policy.Allow, Action: []string{"s3:ListBucket"}, Resource: []string{"arn:aws:s3:::photos"}},
		{Sid: "ReadPhotos", Effect: policy.Allow, Action: []string{"s3:GetObject"}, Resource: []string{"arn:aws:s3:::photos/*"}},
	},
})

// trustEC2 lets the EC2 service assume the role for the instances that run
// with its instance profile, and nobody else.
var trustEC2 = policy.MustBuild("trust-PhotoReader", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{{
		Sid:       "EC2AssumeRole",
		Effect:    policy.Allow,
		Principal: policy.Principal{"Service": {"ec2.amazonaws.com"}},
		Action:    []string{"sts:AssumeRole"},
	}},
})

// photosBucketPolicy refuses plain HTTP, as the Amazon S3 User Guide's
// "Bucket policy examples" do.
var photosBucketPolicy = policy.MustBuild("photos bucket policy", policy.Document{
	Version: policy.Version2012,
	Statement: []policy.Statement{{
		Sid:       "DenyInsecureTransport",
		Effect:    policy.Deny,
		Principal: policy.Principal{"*": nil},
		Action:    []string{"s3:*"},
		Resource:  []string{"arn:aws:s3:::photos", "arn:aws:s3:::photos/*"},
		Condition: policy.Condition{"Bool": {"aws:SecureTransport": {"false"}}},
	}},
})

// design is the photos account: no IAM user, no access key; one role that
// EC2 assumes for the instance profile that holds it.
func design() *story.Design {
	return &story.Design{
		Accounts: []account.Account{{ID: photos, Name: "photos"}},
		Policies: []account.ManagedPolicy{{ARN: readOnly,
			Versions: []account.PolicyVersion{{ID: "v1", Default: true, Document: photosReadOnly}}}},
		Roles: []role.Spec{{
			Account: photos, Name: "PhotoReader", Path: "/app/",
			Trust:              trustEC2,
			Managed:            []string{readOnly},
			MaxSessionDuration: 3600,
			Description:        "Lets the photo web servers read the photos bucket",
			Tags:               []role.Tag{{Key: "app", Value: "photos"}},
			InstanceProfiles:   []role.InstanceProfile{{Name: profile}},
		}},
		ResourcePolicies: []account.ResourcePolicy{{ARN: "arn:aws:s3:::photos", Account: photos, Policy: photosBucketPolicy}},
	}
}

// tell is the story: an instance is launched with the profile; the
// application on it takes the credentials the instance metadata service
// hands out (temporary, from STS) and calls S3 with them.
func tell(w io.Writer, set *account.Set) error {
	fmt.Fprintf(w, "IAM users in the account: %d (nobody holds a long-term key)\n", len(set.Users()))
	svc, clock, err := story.NewService(set)
	if err != nil {
		return err
	}
	if _, err := svc.LaunchInstance(instance, profile); err != nil {
		return err
	}
	sess, err := svc.InstanceCredentials(instance)
	if err != nil {
		return err
	}
	creds := sess.Credentials()
	fmt.Fprintf(w, "the instance's credentials: %s session %s, temporary key %.4s…, expire %s\n",
		sess.Kind(), sess.ARN(), creds.AccessKeyID, creds.Expiration.Format(time.RFC3339))
	for _, r := range []struct{ what, action, resource string }{
		{"read a photo", "s3:GetObject", "arn:aws:s3:::photos/cat.jpg"},
		{"upload a photo", "s3:PutObject", "arn:aws:s3:::photos/cat.jpg"},
		{"read another bucket", "s3:GetObject", "arn:aws:s3:::billing/2026.csv"},
	} {
		story.Authorize(w, svc, sess, r.what, sts.Request{Action: r.action, Resource: r.resource,
			Context: map[string][]string{"aws:SecureTransport": {secureTLS}}})
	}
	clock.T = creds.Expiration.Add(time.Minute)
	_, err = svc.Authorize(sess, sts.Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::photos/cat.jpg",
		Context: map[string][]string{"aws:SecureTransport": {secureTLS}}})
	fmt.Fprintf(w, "a minute after they expire: %v\n", err)
	renewed, err := svc.InstanceCredentials(instance)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "the metadata service hands out new ones: expire %s\n", renewed.Expiration().Format(time.RFC3339))
	return nil
}
