// Command abac tells attribute-based access control with session tags: one policy lets each team's sessions reach only the resources tagged with their team, through ${aws:PrincipalTag/team} (AWS IAM User Guide, "Define permissions based on attributes with ABAC authorization").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("abac", design(), tell) }
