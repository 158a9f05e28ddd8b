enum _PlaceholderReports {}
