package account

import (
	"strings"

	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// publicAccessBlock reads the optional publicAccessBlock member of an
// overlay account or bucket: S3 Block Public Access settings as S3's
// PublicAccessBlockConfiguration names them (in lower camel case),
// {"blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy":
// true, "restrictPublicBuckets": true}, each false when absent. bucket is
// the resource's ARN for a resource policy ("" for an account): only an S3
// bucket has the settings.
func (w *walker) publicAccessBlock(obj jsontext.Value, path, bucket string) evaluate.PublicAccessBlockConfiguration {
	var c evaluate.PublicAccessBlockConfiguration
	v, ok := w.get(obj, path, "publicAccessBlock", jsontext.Object)
	if !ok {
		return c
	}
	p := path + ".publicAccessBlock"
	if bucket != "" && !isBucket(bucket) {
		w.fail(p, v.Off, bucket+" is not an S3 bucket: only buckets (and accounts) have Block Public Access settings")
		return c
	}
	for k, val := range w.t.Members(v) {
		var b *bool
		switch k.Text {
		case "blockPublicAcls":
			b = &c.BlockPublicAcls
		case "ignorePublicAcls":
			b = &c.IgnorePublicAcls
		case "blockPublicPolicy":
			b = &c.BlockPublicPolicy
		case "restrictPublicBuckets":
			b = &c.RestrictPublicBuckets
		default:
			w.fail(p+"."+k.Text, k.Off, "unknown setting "+k.Text+" (want blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets)")
			continue
		}
		switch val.Kind {
		case jsontext.True:
			*b = true
		case jsontext.False:
		default:
			w.fail(p+"."+k.Text, val.Off, "want true or false, found "+val.Describe())
		}
	}
	return c
}

// isBucket reports whether an ARN is an S3 bucket's (arn:PARTITION:s3:::NAME).
func isBucket(a string) bool {
	rest, ok := strings.CutPrefix(a, "arn:")
	if !ok {
		return false
	}
	i := strings.Index(rest, ":s3:::")
	return i > 0 && !strings.ContainsAny(rest[:i], ":") && len(rest) > i+len(":s3:::") && !strings.Contains(rest[i+len(":s3:::"):], "/")
}

// publicAccess returns the S3 Block Public Access settings that apply to a
// bucket's policy: the bucket's and its owner account's, and false when
// the resource policy is not a bucket's.
func (s *Set) publicAccess(rp *ResourcePolicy) (evaluate.BlockPublicAccess, bool) {
	if !isBucket(rp.ARN) {
		return evaluate.BlockPublicAccess{}, false
	}
	b := evaluate.BlockPublicAccess{Bucket: rp.PublicAccessBlock}
	if a := s.accounts[rp.Account]; a != nil {
		b.Account = a.PublicAccessBlock
	}
	return b, true
}
