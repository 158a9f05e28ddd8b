enum _PlaceholderModelRepository {}
