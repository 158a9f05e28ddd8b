enum _PlaceholderModelFormats {}
