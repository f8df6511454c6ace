scenario    = "passing"
dr_region   = "eu-central-1"
dr_role_arn = "arn:aws:iam::222222222222:role/backup-copy-admin"
