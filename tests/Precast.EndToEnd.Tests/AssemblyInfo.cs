// These tests build the same projects (src/Precast in Release) through separate dotnet processes;
// run one at a time so no two builds write the same obj/ folder at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
