package sts_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/iamsim/iamsim/account"
	"github.com/iamsim/iamsim/policy"
	"github.com/iamsim/iamsim/role"
	"github.com/iamsim/iamsim/sts"
	"github.com/iamsim/iamsim/sts/sigv4"
)

// photos is the founding story's account: PhotoReader, a role EC2
// instances use, may read the photos bucket.
func photos() *account.Set {
	var b account.Builder
	b.AddAccount(account.Account{ID: "111111111111"})
	b.AddRole(role.MustNew(role.Spec{Account: "111111111111", Name: "PhotoReader", Path: "/app/",
		Trust: policy.MustParse("trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
			"Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
		Inline: []role.Inline{{Name: "read-photos", Policy: policy.MustParse("read-photos", `{"Version":"2012-10-17",
			"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}`)}},
		InstanceProfiles: []role.InstanceProfile{{Name: "PhotoReaderProfile"}}}), account.Origin{})
	set, err := b.Build(account.Options{})
	if err != nil {
		panic(err)
	}
	return set
}

// An instance's credentials, and what they may do.
func ExampleService_InstanceCredentials() {
	svc, _ := sts.New(photos(), nil)
	if _, err := svc.LaunchInstance("i-0abc123", "PhotoReaderProfile"); err != nil {
		fmt.Println(err)
		return
	}
	sess, err := svc.InstanceCredentials("i-0abc123")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sess.ARN())
	fmt.Println(sess.PrincipalARN())
	for _, action := range []string{"s3:GetObject", "s3:PutObject"} {
		d, _ := svc.Decide(sess, sts.Request{Action: action, Resource: "arn:aws:s3:::photos/cat.jpg"})
		fmt.Println(action, d)
	}
	// Output:
	// arn:aws:sts::111111111111:assumed-role/PhotoReader/i-0abc123
	// arn:aws:iam::111111111111:role/app/PhotoReader
	// s3:GetObject Allow
	// s3:PutObject ImplicitDeny
}

// A Go service behind the SigV4 middleware: requests signed with iamsim's
// credentials are authenticated, then authorized as their session.
func ExampleService_Middleware() {
	svc, _ := sts.New(photos(), nil)
	svc.LaunchInstance("i-0abc123", "PhotoReaderProfile")
	sess, _ := svc.InstanceCredentials("i-0abc123")
	bucket := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "a cat") })
	srv := httptest.NewServer(svc.Middleware(sts.MiddlewareConfig{Service: "s3", Map: sts.S3Request}, bucket))
	defer srv.Close()
	c := sess.Credentials()
	for _, method := range []string{"GET", "PUT"} {
		r, _ := http.NewRequest(method, srv.URL+"/photos/cat.jpg", nil)
		r.Header.Set("X-Amz-Content-Sha256", sigv4.EmptySHA256)
		sigv4.Sign(r, nil, c.AccessKeyID, c.SecretAccessKey.Reveal(), c.SessionToken.Reveal(), "us-east-1", "s3", time.Now())
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(method, resp.StatusCode)
	}
	// Output:
	// GET 200
	// PUT 403
}

// Credentials print without their secrets.
func ExampleCredentials() {
	c := sts.Credentials{AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI", SessionToken: "IQoJb3",
		Expiration: time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)}
	fmt.Println(c)
	fmt.Printf("%v %#v\n", c.SecretAccessKey, c.SessionToken)
	// Output:
	// Credentials{AccessKeyId: ASIAEXAMPLE, SecretAccessKey: [redacted], SessionToken: [redacted], Expiration: 2026-12-07T13:00:00Z}
	// [redacted] [redacted]
}
