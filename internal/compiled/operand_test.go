package compiled

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		in     string
		want   time.Time
		reason string
	}{
		{"2024-03", utc(2024, 3, 1, 0, 0, 0, 0), "W3C YYYY-MM"},
		{"2024-03-15", utc(2024, 3, 15, 0, 0, 0, 0), "W3C YYYY-MM-DD"},
		{"2024-03-15T10:20Z", utc(2024, 3, 15, 10, 20, 0, 0), "W3C YYYY-MM-DDThh:mmTZD"},
		{"2024-03-15T10:20+01:00", utc(2024, 3, 15, 9, 20, 0, 0), "hh:mm with an offset"},
		{"2024-03-15T10:20:30Z", utc(2024, 3, 15, 10, 20, 30, 0), "W3C YYYY-MM-DDThh:mm:ssTZD"},
		{"2024-03-15T10:20:30-05:00", utc(2024, 3, 15, 15, 20, 30, 0), "negative offset, read in UTC"},
		{"2024-03-15T10:20:30+0530", utc(2024, 3, 15, 4, 50, 30, 0), "+hhmm offset"},
		{"2024-03-15T10:20:30.5Z", utc(2024, 3, 15, 10, 20, 30, 500000000), "W3C fractional seconds"},
		{"2024-03-15T10:20:30.123456789+00:00", utc(2024, 3, 15, 10, 20, 30, 123456789), "nanoseconds"},
		{"2024-03-15T10:20:30", utc(2024, 3, 15, 10, 20, 30, 0), "no time zone: UTC"},
		{"2024-03-15T10:20", utc(2024, 3, 15, 10, 20, 0, 0), "no seconds, no zone"},
		{" 2024-03-15 ", utc(2024, 3, 15, 0, 0, 0, 0), "surrounding space"},
		{"0", utc(1970, 1, 1, 0, 0, 0, 0), "epoch seconds"},
		{"1710498030", utc(2024, 3, 15, 10, 20, 30, 0), "epoch seconds"},
		{"-86400", utc(1969, 12, 31, 0, 0, 0, 0), "negative epoch seconds"},
		{"2024", utc(1970, 1, 1, 0, 33, 44, 0), "a string of digits is epoch seconds, not the W3C year form"},
		{"253402300799", utc(9999, 12, 31, 23, 59, 59, 0), "the last second of year 9999"},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if !ok || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) = %v, %v; want %v: %s", tt.in, got, ok, tt.want, tt.reason)
		}
	}
	for _, in := range []string{
		"", "yesterday", "2024-13-01", "2024-02-30", "2024-03-15T25:00Z", "2024-03-15 10:20:30Z",
		"2024-03-15t10:20:30z", "15/03/2024", "2024-3-5", "253402300800", "-62135596801",
		"99999999999999999999", "1e9", "0x10", "+10", "2024-03-15T10:20:30+25:00",
	} {
		if got, ok := ParseDate(in); ok {
			t.Errorf("ParseDate(%q) = %v, want a rejection", in, got)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"10", 10}, {"-3", -3}, {"1.5", 1.5}, {" 42 ", 42}, {"2e3", 2000}, {"1E-2", 0.01}, {"+7", 7}, {".5", 0.5},
	}
	for _, tt := range tests {
		if got, ok := ParseNumber(tt.in); !ok || got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	for _, in := range []string{"", " ", "abc", "0x10", "1_000", "0x1p3", "NaN", "Inf", "-Infinity", "1e400", "1,5", "10%"} {
		if got, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) = %v, want a rejection", in, got)
		}
	}
}

func TestParseIP(t *testing.T) {
	tests := []struct {
		in, want string
		reason   string
	}{
		{"203.0.113.0/24", "203.0.113.0/24", "IPv4 CIDR"},
		{"203.0.113.7/24", "203.0.113.0/24", "host bits are masked"},
		{"203.0.113.7", "203.0.113.7/32", "a single IPv4 address is a /32"},
		{"2001:db8::/32", "2001:db8::/32", "IPv6 CIDR"},
		{"2001:DB8:1234:5678::1/64", "2001:db8:1234:5678::/64", "IPv6 masked and canonical"},
		{"2001:db8::1", "2001:db8::1/128", "a single IPv6 address is a /128"},
		{"0.0.0.0/0", "0.0.0.0/0", "everything IPv4"},
		{" 10.0.0.1/8 ", "10.0.0.0/8", "surrounding space"},
	}
	for _, tt := range tests {
		got, ok := ParseIP(tt.in)
		if !ok || got.String() != tt.want {
			t.Errorf("ParseIP(%q) = %v, %v; want %s: %s", tt.in, got, ok, tt.want, tt.reason)
		}
	}
	for _, in := range []string{"", "10.0.0", "10.0.0.256", "10.0.0.1/33", "2001:db8::/129", "10.0.0.0/", "/8", "fe80::1%eth0", "fe80::1%eth0/64", "host.example.com", "010.0.0.1"} {
		if got, ok := ParseIP(in); ok {
			t.Errorf("ParseIP(%q) = %v, want a rejection", in, got)
		}
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "false": false, "TRUE": true, "False": false} {
		if got, ok := ParseBool(in); !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "1", "0", "yes", "t", " true", "truee"} {
		if _, ok := ParseBool(in); ok {
			t.Errorf("ParseBool(%q) is ok, want a rejection", in)
		}
	}
}

func TestParseBinary(t *testing.T) {
	for in, want := range map[string]string{"aGVsbG8=": "hello", "aGVsbG8": "hello", "": "", "AAE=": "\x00\x01"} {
		if got, ok := ParseBinary(in); !ok || got != want {
			t.Errorf("ParseBinary(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"aGVsbG8==", "a", "!!!!", "aGVs bG8="} {
		if got, ok := ParseBinary(in); ok {
			t.Errorf("ParseBinary(%q) = %q, want a rejection", in, got)
		}
	}
}
