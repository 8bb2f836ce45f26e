// Command ec2 tells the founding story: an application on an EC2 instance
// reads the photos bucket through its instance profile's role, with the
// temporary credentials STS gives the instance (AWS IAM User Guide, "Use an
// IAM role to grant permissions to applications running on Amazon EC2
// instances"). Its files (examples/photos) replay it on the command line.
package main

import "github.com/iamsim/iamsim/examples/internal/story"

func main() { story.Main("ec2", design(), tell) }
