package scenario

import (
	"github.com/iamsim/iamsim/evaluate"
	"github.com/iamsim/iamsim/internal/jsontext"
)

// blockPublicAccess reads the blockPublicAccess field: the S3 Block Public
// Access settings of the bucket owner's account and of the bucket,
// {"account": SETTINGS, "bucket": SETTINGS}, each level optional.
func (l *loader) blockPublicAccess(v jsontext.Value, path string, dst *evaluate.BlockPublicAccess) error {
	if !v.IsObject() {
		return l.fail(v, path, `blockPublicAccess is an object: {"account": {...}, "bucket": {...}}`)
	}
	return l.members(v, path, func(k, val jsontext.Value, kp string) error {
		switch k.Text {
		case "account":
			return l.publicAccessBlock(val, kp, &dst.Account)
		case "bucket":
			return l.publicAccessBlock(val, kp, &dst.Bucket)
		}
		return l.fail(k, kp, "unknown field %q (want account, bucket)", k.Text)
	})
}

// publicAccessBlock reads one level's settings, as S3's
// PublicAccessBlockConfiguration names them (in lower camel case, as the
// format's other fields): each a boolean, absent meaning false.
func (l *loader) publicAccessBlock(v jsontext.Value, path string, dst *evaluate.PublicAccessBlockConfiguration) error {
	if !v.IsObject() {
		return l.fail(v, path, "the settings are an object of blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets")
	}
	return l.members(v, path, func(k, val jsontext.Value, kp string) error {
		var b *bool
		switch k.Text {
		case "blockPublicAcls":
			b = &dst.BlockPublicAcls
		case "ignorePublicAcls":
			b = &dst.IgnorePublicAcls
		case "blockPublicPolicy":
			b = &dst.BlockPublicPolicy
		case "restrictPublicBuckets":
			b = &dst.RestrictPublicBuckets
		default:
			return l.fail(k, kp, "unknown setting %q (want blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets)", k.Text)
		}
		switch val.Kind {
		case jsontext.True:
			*b = true
		case jsontext.False:
			*b = false
		default:
			return l.fail(val, kp, "must be true or false, not %s", val.Describe())
		}
		return nil
	})
}
