// Command auditor tells how a third-party auditor assumes a role with the external ID agreed with it, and is refused without it (AWS IAM User Guide, "Access to AWS accounts owned by third parties").
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("auditor", design(), tell) }
