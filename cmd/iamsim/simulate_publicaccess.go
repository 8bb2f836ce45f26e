package main

import (
	"fmt"
	"strings"

	"github.com/iamsim/iamsim/evaluate"
)

// publicAccessFlag reads --account-public-access-block and
// --bucket-public-access-block: S3 Block Public Access settings in the
// shorthand of the AWS CLI's --public-access-block-configuration,
// NAME=true|false separated by commas. A repeated flag adds to the
// settings; a setting named twice takes its last value.
type publicAccessFlag struct {
	dst *evaluate.PublicAccessBlockConfiguration
}

func (f publicAccessFlag) String() string {
	if f.dst == nil {
		return ""
	}
	var on []string
	for _, s := range f.settings() {
		if *s.b {
			on = append(on, s.name+"=true")
		}
	}
	return strings.Join(on, ",")
}

// setting is one named setting of the configuration.
type setting struct {
	name string
	b    *bool
}

func (f publicAccessFlag) settings() []setting {
	return []setting{
		{"BlockPublicAcls", &f.dst.BlockPublicAcls}, {"IgnorePublicAcls", &f.dst.IgnorePublicAcls},
		{"BlockPublicPolicy", &f.dst.BlockPublicPolicy}, {"RestrictPublicBuckets", &f.dst.RestrictPublicBuckets},
	}
}

func (f publicAccessFlag) Set(v string) error {
	for _, part := range strings.Split(v, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return fmt.Errorf("want NAME=true or NAME=false, not %q", part)
		}
		var b bool
		switch val {
		case "true":
			b = true
		case "false":
		default:
			return fmt.Errorf("%s=%s: want true or false", name, val)
		}
		found := false
		for _, s := range f.settings() {
			if s.name == name {
				*s.b, found = b, true
			}
		}
		if !found {
			return fmt.Errorf("unknown setting %q (want BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy or RestrictPublicBuckets)", name)
		}
	}
	return nil
}
