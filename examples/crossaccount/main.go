// Command crossaccount tells how an IAM user of one account assumes a role of another: the role's trust policy must trust the user's account and the user's own policy must allow sts:AssumeRole; either alone is not enough (AWS IAM User Guide, "Cross-account policy evaluation logic").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("crossaccount", design(), tell) }
