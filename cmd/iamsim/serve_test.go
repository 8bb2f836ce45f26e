package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/iamsim/sts/sigv4"
)

func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var errOut strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, append(append([]string{}, stsAccounts...), "--listen", "127.0.0.1:0",
			"--instance", "i-0abc123=PhotoReaderProfile", "--access-key", "arn:aws:iam::111111111111:root=AKIAQROOTEXAMPLE0001:rootsecret"), pw, &errOut)
		pw.Close()
	}()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		t.Fatalf("no output; stderr: %s", errOut.String())
	}
	first := lines.Text()
	base, ok := strings.CutPrefix(first, "listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("first line %q", first)
	}
	go io.Copy(io.Discard, pr) // the request log
	post := func(akid, secret string, form url.Values) (int, string) {
		body := form.Encode()
		r, _ := http.NewRequest("POST", base+"/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		sigv4.Sign(r, []byte(body), akid, secret, "", "us-east-1", "sts", time.Now())
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	st, body := post("AKIAQALICEEXAMPLE001", "alice/secret+key/0123456789abcdefghijkl", url.Values{"Action": {"AssumeRole"}, "Version": {"2011-06-15"},
		"RoleArn": {"arn:aws:iam::111111111111:role/team/Dev"}, "RoleSessionName": {"served"}})
	if st != 200 || !strings.Contains(body, "<Arn>arn:aws:sts::111111111111:assumed-role/Dev/served</Arn>") {
		t.Errorf("AssumeRole with the overlay's key: %d %s", st, body)
	}
	st, body = post("AKIAQROOTEXAMPLE0001", "rootsecret", url.Values{"Action": {"GetCallerIdentity"}, "Version": {"2011-06-15"}})
	if st != 200 || !strings.Contains(body, "<Arn>arn:aws:iam::111111111111:root</Arn>") {
		t.Errorf("GetCallerIdentity with --access-key: %d %s", st, body)
	}
	req, _ := http.NewRequest("PUT", base+"/latest/api/token", nil)
	req.Header.Set("X-aws-ec2-metadata-token-ttl-seconds", "60")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("IMDS token: %v %v", resp, err)
	}
	tok, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	req, _ = http.NewRequest("GET", base+"/latest/meta-data/iam/security-credentials/", nil)
	req.Header.Set("X-aws-ec2-metadata-token", string(tok))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	role, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(role) != "PhotoReader" {
		t.Errorf("IMDS role %q", role)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		append(append([]string{}, stsAccounts...), "--instance", "nope"),
		append(append([]string{}, stsAccounts...), "--instance", "i-1=NoSuchProfile"),
		append(append([]string{}, stsAccounts...), "--access-key", "x"),
		append(append([]string{}, stsAccounts...), "--access-key", "arn:aws:iam::111111111111:user/nobody=AKIAX:y"),
		append(append([]string{}, stsAccounts...), "--listen", "256.0.0.1:x"),
		{"--account", "testdata/sts/missing.json"},
	} {
		var out, errOut strings.Builder
		if code := serve(context.Background(), args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
