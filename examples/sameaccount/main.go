// Command sameaccount tells how an IAM user assumes a role of its own account: the role's trust policy names the account, and the user's identity policy must allow sts:AssumeRole (AWS IAM User Guide, "Grant a user permissions to switch roles").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("sameaccount", design(), tell) }
