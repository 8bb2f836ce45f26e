package main

import (
	"encoding/json"
	"fmt"
)

// What a JSON file holds, guessed from its top-level members, so that a
// file given to the wrong command gets the command that fits rather than
// an "unknown field" alone.
const (
	holdsPolicy   = "a policy"
	holdsScenario = "scenarios"
	holdsExport   = "an account export (aws iam get-account-authorization-details)"
	holdsOverlay  = "an account overlay"
	holdsSession  = "a session (iamsim assume-role's output)"
)

// fileHolds guesses what data holds: one of the holds* texts, or "" when it
// is not JSON or like none of them. A list is judged by its first object.
func fileHolds(data []byte) string {
	var list []map[string]json.RawMessage
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		if json.Unmarshal(data, &list) != nil || len(list) == 0 {
			return ""
		}
		obj = list[0]
	}
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := obj[k]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("request", "expect", "identityPolicies"):
		return holdsScenario
	case has("Statement") && list == nil:
		return holdsPolicy
	case has("RoleDetailList", "UserDetailList", "GroupDetailList", "Policies"):
		return holdsExport
	case has("accounts", "organization", "resourcePolicies"):
		return holdsOverlay
	case has("Credentials"):
		return holdsSession
	}
	return ""
}

// commandFor is the command line that fits a file of that kind.
func commandFor(holds, file string) string {
	switch holds {
	case holdsPolicy:
		return fmt.Sprintf("iamsim check %s validates it; iamsim simulate --policy %s --action A --resource R decides requests against it", file, file)
	case holdsScenario:
		return fmt.Sprintf("iamsim eval %s runs them", file)
	case holdsExport:
		return fmt.Sprintf("iamsim authorize --account %s --principal ARN --action A --resource R decides a request against it", file)
	case holdsOverlay:
		return fmt.Sprintf("give it to iamsim authorize or who-can as --overlay %s", file)
	case holdsSession:
		return fmt.Sprintf("iamsim authorize --session %s ... authorizes a request as that session", file)
	}
	return ""
}

// wrongKindHint is the line a command prints when file holds something
// other than what it reads (want, one of the holds* texts): "FILE holds
// KIND, not WANT: COMMAND". "" when the file is of the wanted kind or of
// none iamsim knows.
func wrongKindHint(file string, data []byte, want string) string {
	holds := fileHolds(data)
	if holds == "" || holds == want {
		return ""
	}
	return fmt.Sprintf("%s holds %s, not %s: %s", file, holds, want, commandFor(holds, file))
}
