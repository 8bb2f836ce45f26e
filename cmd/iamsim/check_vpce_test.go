package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckKindVPCE: an endpoint policy "must contain a Principal element"
// (AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint
// policies"); --kind vpce checks it so, and the default endpoint policy,
// which has no Version, passes with a warning only.
func TestCheckKindVPCE(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	def := write("default.json", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}`)
	noPrincipal := write("bad.json", `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`)
	var out, errb bytes.Buffer
	if code := run([]string{"check", "--kind", "vpce", def}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Errorf("the default endpoint policy: exit %d\n%s%s", code, out.String(), errb.String())
	}
	out.Reset()
	if code := run([]string{"check", "--kind", "vpce", noPrincipal}, strings.NewReader(""), &out, &errb); code != 1 || !strings.Contains(out.String(), "ERROR MISSING_PRINCIPAL") {
		t.Errorf("no Principal: exit %d\n%s", code, out.String())
	}
	out.Reset()
	errb.Reset()
	if code := run([]string{"check", "--kind", "vpc", def}, strings.NewReader(""), &out, &errb); code != 2 || !strings.Contains(errb.String(), "vpce") {
		t.Errorf("an unknown kind: exit %d, stderr %s", code, errb.String())
	}
}
