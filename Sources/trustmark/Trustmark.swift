import ArgumentParser
@main struct Trustmark: ParsableCommand { func run() {} }
