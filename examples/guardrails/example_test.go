package main

import "os"

// The role's policy grants all of S3; the boundary and the SCP each cut it.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// alice assumes DataAdmin: arn:aws:sts::111111111111:assumed-role/DataAdmin/alice, expires 2026-12-07T13:00:00Z
	// read a photo (the policy, the boundary and the SCPs allow it):
	//     Allow: arn:aws:sts::111111111111:assumed-role/DataAdmin/alice to perform s3:GetObject on arn:aws:s3:::photos/cat.jpg is allowed by statement 0 of the identity-based policy (all-of-s3:4:5).
	// delete a photo (the policy allows it, the boundary does not):
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/DataAdmin/alice to perform s3:DeleteObject on arn:aws:s3:::photos/cat.jpg is not authorized because no permissions boundary allows the s3:DeleteObject action.
	// read another bucket (outside the boundary):
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/DataAdmin/alice to perform s3:GetObject on arn:aws:s3:::billing/2026.csv is not authorized because no permissions boundary allows the s3:GetObject action.
	// delete the bucket (the boundary allows it, an SCP denies it):
	//     ExplicitDeny: arn:aws:sts::111111111111:assumed-role/DataAdmin/alice to perform s3:DeleteBucket on arn:aws:s3:::photos is denied with an explicit deny in statement "NoBucketDeletion" of the service control policy attached to an OU (level 1) (no-bucket-deletion:4:5).
}
