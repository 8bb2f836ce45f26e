package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSimulateEndpointAndPublicAccess: --vpce-policy is weighed as the
// endpoint policy (and validated as --kind vpce), and the
// public-access-block flags as S3 Block Public Access settings.
func TestSimulateEndpointAndPublicAccess(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	id := write("id.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	vpce := write("vpce.json", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}]}`)
	bucket := write("bucket.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}`)
	badVPCE := write("bad-vpce.json", `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	sim := func(args ...string) (string, string, int) {
		var out, errb bytes.Buffer
		code := run(append([]string{"simulate"}, args...), strings.NewReader(""), &out, &errb)
		return out.String(), errb.String(), code
	}

	out, _, code := sim("--policy", id, "--vpce-policy", vpce, "--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::photos/a.jpg", "--resource", "arn:aws:s3:::other/a.jpg", "--context", "aws:SourceVpce=vpce-1a2b3c4d")
	if code != 0 || !strings.Contains(out, "arn:aws:s3:::photos/a.jpg Allow") || !strings.Contains(out, "arn:aws:s3:::other/a.jpg ImplicitDeny") ||
		!strings.Contains(out, "VPC endpoint policy") {
		t.Errorf("--vpce-policy: exit %d\n%s", code, out)
	}

	_, errOut, code := sim("--policy", id, "--vpce-policy", badVPCE, "--action", "s3:GetObject", "--resource", "*")
	if code != 2 || !strings.Contains(errOut, "MISSING_PRINCIPAL") {
		t.Errorf("an endpoint policy without Principal: exit %d, stderr %s", code, errOut)
	}

	args := []string{"--policy", id, "--resource-policy", bucket, "--principal", "anonymous", "--action", "s3:GetObject",
		"--resource", "arn:aws:s3:::site/index.html", "--resource-account", "111111111111"}
	if out, _, _ := sim(args...); !strings.Contains(out, "site/index.html Allow") {
		t.Errorf("without settings the public bucket policy allows:\n%s", out)
	}
	for _, flag := range []string{"--account-public-access-block", "--bucket-public-access-block"} {
		out, _, code := sim(append(args, flag, "RestrictPublicBuckets=true")...)
		if code != 0 || !strings.Contains(out, "site/index.html ImplicitDeny") || !strings.Contains(out, "RestrictPublicBuckets") {
			t.Errorf("%s RestrictPublicBuckets=true: exit %d\n%s", flag, code, out)
		}
	}
	for _, bad := range []string{"RestrictPublicBucket=true", "RestrictPublicBuckets=yes", "RestrictPublicBuckets"} {
		if _, errOut, code := sim(append(args, "--bucket-public-access-block", bad)...); code != 2 || errOut == "" {
			t.Errorf("--bucket-public-access-block %s: exit %d, want a usage error", bad, code)
		}
	}
}
