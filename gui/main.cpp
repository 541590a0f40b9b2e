// The workstation's entry point; everything else is in jiayi_gui_lib (see App.h).
#include "gui/App.h"

int main(int argc, char** argv) { return jiayi::gui::runApplication(argc, argv); }
