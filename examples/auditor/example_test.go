package main

import "os"

// The auditor gets in with the agreed external ID, and only reads what the role grants; with another ID or none it is refused.
func Example() {
	set, err := design().Build()
	if err != nil {
		panic(err)
	}
	if err := tell(os.Stdout, set); err != nil {
		panic(err)
	}
	// Output:
	// the auditor assumes the role with the agreed external ID: arn:aws:sts::111111111111:assumed-role/ExternalAuditor/audit, expires 2026-12-07T13:00:00Z
	// the session reads the bucket policy:
	//     Allow: arn:aws:sts::111111111111:assumed-role/ExternalAuditor/audit to perform s3:GetBucketPolicy on arn:aws:s3:::photos is allowed by statement 0 of the identity-based policy (read-bucket-policies:4:5).
	// the session reads a photo:
	//     ImplicitDeny: arn:aws:sts::111111111111:assumed-role/ExternalAuditor/audit to perform s3:GetObject on arn:aws:s3:::photos/cat.jpg is not authorized because no identity-based policy allows the s3:GetObject action.
	// the auditor assumes the role with another customer's ID: refused: sts: AccessDenied: User: arn:aws:iam::999999999999:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/ExternalAuditor
	// the auditor assumes the role without an external ID: refused: sts: AccessDenied: User: arn:aws:iam::999999999999:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/ExternalAuditor
	// why it is refused without the ID:
	//     ImplicitDeny: arn:aws:iam::999999999999:user/auditor sts:AssumeRole on arn:aws:iam::111111111111:role/ExternalAuditor
	//     no statement allows it (resource)
	//       Allow by statement 0 of inline policy "may-assume-customer-roles" of arn:aws:iam::999999999999:user/auditor [may-assume-customer-roles:4:5]
	//       conditions looked for keys the request does not carry: sts:ExternalId
}
