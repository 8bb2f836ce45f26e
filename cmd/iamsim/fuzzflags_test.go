package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// FuzzFlagValues feeds arbitrary text to the parsers of the repeatable
// KEY=VALUE flags (--context, --principal-tag, --tags of assume-role go
// through the same Cut) and of the S3 Block Public Access shorthand.
// Properties: no panic; a value without "=" or with an empty key is
// refused; an accepted value is recorded exactly (key before the first
// "=", value after); a public-access setting is set only when named with
// "=true".
func FuzzFlagValues(f *testing.F) {
	for _, s := range []string{"aws:SourceIp=10.0.0.1", "=x", "k=", "k==v", "", "BlockPublicPolicy=true",
		"BlockPublicAcls=true,RestrictPublicBuckets=false", " IgnorePublicAcls=true ,", "BlockPublicPolicy=TRUE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, v, ok := strings.Cut(s, "=")
		valid := ok && k != ""
		var c contextFlag
		if err := c.Set(s); (err == nil) != valid {
			t.Fatalf("--context %q: err %v", s, err)
		} else if err == nil && (len(c.values[k]) != 1 || c.values[k][0] != v) {
			t.Fatalf("--context %q recorded %v", s, c.values)
		}
		var tags tagFlag
		if err := tags.Set(s); (err == nil) != valid {
			t.Fatalf("--principal-tag %q: err %v", s, err)
		} else if err == nil && tags.values[k] != v {
			t.Fatalf("--principal-tag %q recorded %v", s, tags.values)
		}
		var cfg evaluate.PublicAccessBlockConfiguration
		pa := publicAccessFlag{&cfg}
		if err := pa.Set(s); err == nil {
			for _, st := range pa.settings() {
				if *st.b && !strings.Contains(s, st.name+"=true") {
					t.Fatalf("%q set %s", s, st.name)
				}
			}
		} else if cfg != (evaluate.PublicAccessBlockConfiguration{}) && !strings.Contains(s, ",") {
			t.Fatalf("%q: refused (%v) yet set %+v", s, err, cfg)
		}
	})
}

// FuzzSessionFile feeds arbitrary bytes to authorize --session - and
// assume-role --session -, seeded with a session assume-role printed.
// Properties: no panic; exit 0 or 1 only for a text that is JSON read
// strictly (no repeated key), else 2 with a message on standard error and
// nothing on standard output.
func FuzzSessionFile(f *testing.F) {
	var out, errOut bytes.Buffer
	if run(assumeArgs("--caller", "arn:aws:iam::111111111111:user/alice", "--role-arn", "arn:aws:iam::111111111111:role/team/Dev",
		"--role-session-name", "fuzz"), strings.NewReader(""), &out, &errOut) != 0 {
		f.Fatalf("assume-role: %s", errOut.String())
	}
	f.Add(out.Bytes())
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"Credentials":{"Expiration":"x","Expiration":"y"}}`))
	if _, err := os.Stat("testdata/sts/account.json"); err != nil {
		f.Skip(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, args := range [][]string{
			append(append([]string{"authorize"}, stsAccounts...), "--session", "-", "--action", "s3:GetObject", "--resource", "*"),
			assumeArgs("--session", "-", "--role-arn", "arn:aws:iam::111111111111:role/Chained", "--role-session-name", "next"),
		} {
			var out, errOut bytes.Buffer
			code := run(args, bytes.NewReader(data), &out, &errOut)
			switch code {
			case 0, 1:
				if jsontext.Read(data, new(jsontext.Tape), jsontext.Options{}) != nil {
					t.Fatalf("%s: exit %d on a session file that is not strict JSON", args[0], code)
				}
			case 2:
				if out.Len() != 0 || errOut.Len() == 0 {
					t.Fatalf("%s: exit 2 with stdout %q, stderr %q", args[0], out.String(), errOut.String())
				}
			default:
				t.Fatalf("%s: exit %d", args[0], code)
			}
		}
	})
}
