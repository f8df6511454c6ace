backup_regions = ["SBG", "GRA"]
