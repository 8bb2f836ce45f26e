// Command guardrails tells how a permissions boundary and a service control policy cut what a role's own policy grants: an action must be allowed by every one of them (AWS IAM User Guide, "Policy evaluation logic").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("guardrails", design(), tell) }
