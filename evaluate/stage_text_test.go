package evaluate

import "testing"

// TestStageText: String names where in the organization an SCP or RCP level
// is, for readers; MarshalText keeps the form JSON output has always had.
func TestStageText(t *testing.T) {
	for _, tc := range []struct {
		s         Stage
		str, text string
	}{
		{Stage{Type: IdentityPolicy}, "identity", "identity"},
		{Stage{Type: SCP}, "SCP level 0, the root", "SCP level 0"},
		{Stage{Type: SCP, Level: 2}, "SCP level 2, an OU or the account", "SCP level 2"},
		{Stage{Type: RCP, Level: 1}, "RCP level 1, an OU or the account", "RCP level 1"},
	} {
		text, err := tc.s.MarshalText()
		if tc.s.String() != tc.str || string(text) != tc.text || err != nil {
			t.Errorf("%#v: String %q, MarshalText %q, %v; want %q, %q", tc.s, tc.s.String(), text, err, tc.str, tc.text)
		}
	}
}
